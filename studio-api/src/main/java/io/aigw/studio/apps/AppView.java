package io.aigw.studio.apps;

import java.util.List;
import java.util.Map;

import io.aigw.studio.catalog.Kind;

/**
 * An App as the API shows it.
 *
 * @param pluginResources what it bundles of plugin resources, in the form POST and PATCH take
 *                        (the instances' details: {@code GET /api/v1/apps/{id}/plugin-resources})
 */
public record AppView(long id, String name, String description, String ownerEmail, Long ownerId, boolean isActive,
                      double monthlyBudget, int rateLimit, Map<String, String> metadata, List<Long> llmIds,
                      List<Long> datasourceIds, List<Long> toolIds, List<PluginResourceSelection> pluginResources,
                      String createdAt, String updatedAt) {

    static AppView of(AppRow a) {
        return new AppView(a.id(), a.name(), a.description(), a.ownerEmail(), a.ownerId(), a.isActive(),
                a.monthlyBudget(), a.rateLimit(), a.metadata(), a.resources().get(Kind.LLM),
                a.resources().get(Kind.DATASOURCE), a.resources().get(Kind.TOOL),
                a.pluginResources().stream().map(p -> new PluginResourceSelection(p.pluginId(), p.resourceTypeSlug(),
                        p.instanceIds())).toList(),
                a.createdAt().toString(), a.updatedAt().toString());
    }
}
