package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The App fields a create or patch request sets; null (or a kind absent from {@code resources})
 * means "not given". Resource id lists replace the stored ones as a whole.
 */
public record AppFields(String name, String description, String ownerEmail, Long ownerId, Boolean isActive,
                        Double monthlyBudget, Integer rateLimit, Map<String, String> metadata,
                        Map<Kind, List<Long>> resources) {

    // Loose on purpose: the address is for humans to read, not for us to deliver mail to.
    private static final Pattern EMAIL = Pattern.compile("(?U)[^@\\s]+@[^@\\s]+");
    private static final int MAX_RESOURCES = 200;
    private static final Set<String> KNOWN;

    static {
        Set<String> known = new HashSet<>(Set.of("name", "description", "owner_email", "owner_id", "is_active",
                "monthly_budget", "rate_limit", "metadata", "id", "created_at", "updated_at"));
        for (Kind kind : Kind.values()) {
            known.add(kind.idsField());
        }
        KNOWN = Set.copyOf(known);
    }

    public static AppFields parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        String email = Fields.string(body, "owner_email", 320);
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("'owner_email' must be an email address");
        }
        Map<Kind, List<Long>> resources = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Long> ids = Fields.idList(body, kind.idsField(), MAX_RESOURCES);
            if (ids != null) {
                resources.put(kind, ids);
            }
        }
        return new AppFields(
                Fields.nonBlank(body, "name", 200),
                Fields.text(body, "description", 4000),
                email,
                Fields.id(body, "owner_id"),
                Fields.bool(body, "is_active"),
                Fields.nonNegativeNumber(body, "monthly_budget"),
                Fields.nonNegativeInt(body, "rate_limit"),
                Fields.stringMap(body, "metadata", 100, 200, 4096),
                resources);
    }

    public NewApp toNewApp(Owner owner) {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        return new NewApp(name, or(description, ""), owner.label(), owner.userId(), isActive == null || isActive,
                or(monthlyBudget, 0.0), or(rateLimit, 0), or(metadata, Map.of()));
    }

    /** {@code current} with the given fields replaced; {@code metadata} is replaced as a whole. */
    public NewApp applyTo(AppRow current, Owner owner) {
        return new NewApp(or(name, current.name()), or(description, current.description()), owner.label(),
                owner.userId(), or(isActive, current.isActive()), or(monthlyBudget, current.monthlyBudget()),
                or(rateLimit, current.rateLimit()), or(metadata, current.metadata()));
    }

    public boolean changesOwner() {
        return ownerId != null || ownerEmail != null;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
