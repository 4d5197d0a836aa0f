package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The App fields a create or patch request sets; null means "not given". */
public record AppFields(String name, String description, String ownerEmail, Boolean isActive,
                        Double monthlyBudget, Integer rateLimit, Map<String, String> metadata) {

    // Loose on purpose: the address is for humans to read, not for us to deliver mail to.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Set<String> KNOWN = Set.of("name", "description", "owner_email", "is_active",
            "monthly_budget", "rate_limit", "metadata", "id", "created_at", "updated_at");

    public static AppFields parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        String email = Fields.string(body, "owner_email", 320);
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("'owner_email' must be an email address");
        }
        return new AppFields(
                Fields.nonBlank(body, "name", 200),
                Fields.string(body, "description", 4000),
                email,
                Fields.bool(body, "is_active"),
                Fields.nonNegativeNumber(body, "monthly_budget"),
                Fields.nonNegativeInt(body, "rate_limit"),
                Fields.stringMap(body, "metadata", 100, 200, 4096));
    }

    public NewApp toNewApp() {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        return new NewApp(name, or(description, ""), or(ownerEmail, ""), isActive == null || isActive,
                or(monthlyBudget, 0.0), or(rateLimit, 0), or(metadata, Map.of()));
    }

    /** {@code current} with the given fields replaced; {@code metadata} is replaced as a whole. */
    public NewApp applyTo(AppRow current) {
        return new NewApp(or(name, current.name()), or(description, current.description()),
                or(ownerEmail, current.ownerEmail()), or(isActive, current.isActive()),
                or(monthlyBudget, current.monthlyBudget()), or(rateLimit, current.rateLimit()),
                or(metadata, current.metadata()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
