package io.aigw.studio.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.util.HashSet;
import java.util.Set;

/** The fields a resource create or patch sets; null means "not given". */
public record ResourceFields(String name, String description, String vendor, Integer privacyScore,
                             Boolean isActive) {

    private static final Set<String> KNOWN = Set.of("name", "description", "privacy_score", "is_active", "id",
            "created_at", "updated_at");

    public static ResourceFields parse(Kind kind, ObjectNode body) {
        Set<String> known = new HashSet<>(KNOWN);
        if (kind.hasVendor()) {
            known.add("vendor");
        }
        Fields.onlyKnown(body, known);
        return new ResourceFields(Fields.nonBlank(body, "name", 200), Fields.text(body, "description", 4000),
                Fields.string(body, "vendor", 200), Fields.intBetween(body, "privacy_score", 0, 100),
                Fields.bool(body, "is_active"));
    }

    public ResourceRow toNew(Kind kind) {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        if (privacyScore == null) {
            throw ApiException.badRequest("'privacy_score' is required (an integer from 0 to 100)");
        }
        return new ResourceRow(0, name, or(description, ""), kind.hasVendor() ? or(vendor, "") : null, privacyScore,
                isActive == null || isActive, null, null);
    }

    public ResourceRow applyTo(ResourceRow current) {
        return new ResourceRow(current.id(), or(name, current.name()), or(description, current.description()),
                current.vendor() == null ? null : or(vendor, current.vendor()),
                or(privacyScore, current.privacyScore()), or(isActive, current.isActive()), current.createdAt(),
                current.updatedAt());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
