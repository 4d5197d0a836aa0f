package io.aigw.studio.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An App's stored fields without id and timestamps: what an insert or update writes. */
public record NewApp(String name, String description, String ownerEmail, boolean isActive, double monthlyBudget,
                     int rateLimit, Map<String, String> metadata) {

    public NewApp {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
