package io.aigw.studio.apps;

import java.util.Map;

/** An App as the API shows it. */
public record AppView(long id, String name, String description, String ownerEmail, boolean isActive,
                      double monthlyBudget, int rateLimit, Map<String, String> metadata, String createdAt,
                      String updatedAt) {

    static AppView of(AppRow a) {
        return new AppView(a.id(), a.name(), a.description(), a.ownerEmail(), a.isActive(), a.monthlyBudget(),
                a.rateLimit(), a.metadata(), a.createdAt().toString(), a.updatedAt().toString());
    }
}
