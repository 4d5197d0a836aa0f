package io.aigw.studio.resources;

import io.aigw.plugin.api.ResourceFormComponent;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.plugin.api.ResourceTypeSlug;

import java.util.regex.Pattern;

/**
 * One resource type a plugin declares, checked against what the control plane stores and shows:
 * either from its manifest's {@code resource_types} or from {@code getResourceTypeRegistrations()}.
 *
 * @param formComponent null: the UI renders its standard multi-select
 * @param source        {@link #MANIFEST} or {@link #RUNTIME}
 */
public record TypeDeclaration(String slug, String name, String description, String icon, boolean hasPrivacyScore,
                              boolean supportsSubmissions, FormComponent formComponent, String source) {

    public static final String MANIFEST = "manifest";
    public static final String RUNTIME = "runtime";

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ICON = 500;
    static final int MAX_ASSET_PATH = 500;

    /**
     * A custom element name as browsers accept it (lower case, starting with a letter, holding a
     * hyphen), kept to characters that need no escaping wherever the UI writes the tag.
     */
    private static final Pattern ELEMENT_TAG = Pattern.compile("[a-z][a-z0-9._]*-[a-z0-9._-]*");

    /** A declaration from a plugin's runtime answer; an {@link InvalidDeclaration} names what is wrong. */
    static TypeDeclaration of(ResourceTypeRegistration r) throws InvalidDeclaration {
        if (r == null) {
            throw new InvalidDeclaration("it is null");
        }
        ResourceFormComponent form = r.formComponent();
        return checked(r.slug(), r.name(), r.description(), r.icon(), r.hasPrivacyScore(), r.supportsSubmissions(),
                form == null ? null : new FormComponent(form.tag(), form.entryPoint()), RUNTIME);
    }

    /** Checks every field against the rules the API and the table share. */
    static TypeDeclaration checked(String slug, String name, String description, String icon, boolean hasPrivacyScore,
                                   boolean supportsSubmissions, FormComponent form, String source)
            throws InvalidDeclaration {
        if (slug == null || slug.isBlank()) {
            throw new InvalidDeclaration("'slug' is missing");
        }
        if (!ResourceTypeSlug.isValid(slug)) {
            throw new InvalidDeclaration("slug '" + printable(slug) + "' is not 1 to 64 characters of "
                    + ResourceTypeSlug.RULE + " (starting with a letter or digit)");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidDeclaration("'name' is missing");
        }
        String n = name.strip();
        requireLength("name", n, MAX_NAME);
        requireOneLine("name", n);
        String d = description == null ? "" : description;
        requireLength("description", d, MAX_DESCRIPTION);
        String i = icon == null ? "" : icon.strip();
        requireLength("icon", i, MAX_ICON);
        requireOneLine("icon", i);
        if (form != null) {
            if (form.tag() == null || !ELEMENT_TAG.matcher(form.tag()).matches() || form.tag().length() > 100) {
                throw new InvalidDeclaration("form_component.tag '" + printable(form.tag())
                        + "' is not a custom element name (lower case, starting with a letter, with a '-')");
            }
            if (!isAssetPath(form.entryPoint())) {
                throw new InvalidDeclaration("form_component.entry_point '" + printable(form.entryPoint())
                        + "' is not a relative asset path inside the plugin (no '..', no leading '/')");
            }
        }
        return new TypeDeclaration(slug, n, d, i, hasPrivacyScore, supportsSubmissions, form, source);
    }

    private static boolean isAssetPath(String path) {
        if (path == null || path.isBlank() || path.length() > MAX_ASSET_PATH || path.startsWith("/")
                || path.contains("\\") || path.contains("://")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static void requireLength(String field, String value, int max) throws InvalidDeclaration {
        if (value.length() > max) {
            throw new InvalidDeclaration("'" + field + "' is longer than " + max + " characters");
        }
    }

    private static void requireOneLine(String field, String value) throws InvalidDeclaration {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDeclaration("'" + field + "' contains control characters");
        }
    }

    /** A value quoted in a status line: short, and without characters that would garble it. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }

    /** What is wrong with one declaration; the message completes "resource type ... skipped: ". */
    static final class InvalidDeclaration extends Exception {
        InvalidDeclaration(String message) {
            super(message, null, false, false);
        }
    }
}
