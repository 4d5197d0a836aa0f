package io.aigw.studio.apps;

import java.util.List;
import java.util.Map;

import io.aigw.studio.catalog.Kind;

/** An App as the API shows it. */
public record AppView(long id, String name, String description, String ownerEmail, Long ownerId, boolean isActive,
                      double monthlyBudget, int rateLimit, Map<String, String> metadata, List<Long> llmIds,
                      List<Long> datasourceIds, List<Long> toolIds, String createdAt, String updatedAt) {

    static AppView of(AppRow a) {
        return new AppView(a.id(), a.name(), a.description(), a.ownerEmail(), a.ownerId(), a.isActive(),
                a.monthlyBudget(), a.rateLimit(), a.metadata(), a.resources().get(Kind.LLM),
                a.resources().get(Kind.DATASOURCE), a.resources().get(Kind.TOOL), a.createdAt().toString(),
                a.updatedAt().toString());
    }
}
