package io.aigw.studio.apps;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An App as stored.
 *
 * @param rateLimit requests per minute; 0 means no limit
 */
public record AppRow(long id, String name, String description, String ownerEmail, boolean isActive,
                     double monthlyBudget, int rateLimit, Map<String, String> metadata, Instant createdAt,
                     Instant updatedAt) {

    public AppRow {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
