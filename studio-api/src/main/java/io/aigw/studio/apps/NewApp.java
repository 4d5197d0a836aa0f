package io.aigw.studio.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An App's stored fields without id, links and timestamps: what an insert or update writes.
 *
 * @param ownerEmail kept only as a label for Apps no user owns; an owner's email is read from users
 */
public record NewApp(String name, String description, String ownerEmail, Long ownerId, boolean isActive,
                     double monthlyBudget, int rateLimit, Map<String, String> metadata) {

    public NewApp {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
