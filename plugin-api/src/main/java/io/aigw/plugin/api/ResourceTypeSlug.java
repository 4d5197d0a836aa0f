package io.aigw.plugin.api;

import java.util.regex.Pattern;

/**
 * The form of a resource type's slug ({@link ResourceTypeRegistration#slug()}, a manifest's
 * {@code resource_types[].slug}, the {@code resource_type_slug} of a group grant): one definition
 * for the control plane, the manifest reader and plugins to check against.
 */
public final class ResourceTypeSlug {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** {@link #PATTERN} in words, for error messages. */
    public static final String RULE = "lower-case letters, digits, '_' or '-'";

    private ResourceTypeSlug() {
    }

    public static boolean isValid(String slug) {
        return slug != null && PATTERN.matcher(slug).matches();
    }
}
