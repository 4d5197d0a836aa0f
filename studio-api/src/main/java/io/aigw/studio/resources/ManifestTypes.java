package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code resource_types} of a plugin manifest, read entry by entry from the manifest's JSON: a
 * bad entry is skipped with its reason, and the others still count.
 */
final class ManifestTypes {

    private ManifestTypes() {
    }

    /** The manifest's declarations; none when {@code manifestJson} is null (no manifest). */
    static Declarations parse(String manifestJson) {
        if (manifestJson == null) {
            return Declarations.NONE;
        }
        JsonNode root;
        try {
            root = Json.tree(manifestJson);
        } catch (IllegalStateException e) {
            return new Declarations(List.of(), List.of("manifest is not valid JSON; its resource types are ignored"));
        }
        JsonNode entries = root == null ? null : root.get("resource_types");
        if (entries == null || entries.isNull()) {
            return Declarations.NONE;
        }
        if (!entries.isArray()) {
            return new Declarations(List.of(), List.of("manifest 'resource_types' is not an array; ignored"));
        }
        List<TypeDeclaration> types = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "manifest resource_types[" + i + "]";
            try {
                TypeDeclaration type = declaration(entry);
                if (!slugs.add(type.slug())) {
                    problems.add(where + " ('" + type.slug() + "') skipped: the manifest declares this slug twice");
                    continue;
                }
                types.add(type);
            } catch (TypeDeclaration.InvalidDeclaration e) {
                String slug = entry.path("slug").isTextual() ? " ('" + TypeDeclaration.printable(
                        entry.path("slug").asText()) + "')" : "";
                problems.add(where + slug + " skipped: " + e.getMessage());
            }
        }
        return new Declarations(types, problems);
    }

    private static TypeDeclaration declaration(JsonNode entry) throws TypeDeclaration.InvalidDeclaration {
        if (!entry.isObject()) {
            throw new TypeDeclaration.InvalidDeclaration("it is not an object");
        }
        FormComponent form = null;
        JsonNode f = entry.get("form_component");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                throw new TypeDeclaration.InvalidDeclaration("form_component is not an object");
            }
            form = new FormComponent(text(f, "tag"), text(f, "entry_point"));
        }
        return TypeDeclaration.checked(text(entry, "slug"), text(entry, "name"), text(entry, "description"),
                text(entry, "icon"), flag(entry, "has_privacy_score"), flag(entry, "supports_submissions"), form,
                TypeDeclaration.MANIFEST);
    }

    private static String text(JsonNode node, String field) throws TypeDeclaration.InvalidDeclaration {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new TypeDeclaration.InvalidDeclaration("'" + field + "' is not a string");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode node, String field) throws TypeDeclaration.InvalidDeclaration {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new TypeDeclaration.InvalidDeclaration("'" + field + "' is not true or false");
        }
        return value.booleanValue();
    }
}
