package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.json.Json;

import java.util.List;

/**
 * {@code GET /api/v1/apps/{id}/plugin-resources}: the App's plugin resources with the stored copy
 * of each instance's details (what gateways get), metadata as the JSON value the plugin gave.
 */
public record PluginResourcesView(List<Association> pluginResources) {

    public record Association(long pluginId, String resourceTypeSlug, List<String> instanceIds,
                              List<Instance> instances) {
    }

    public record Instance(String id, String name, String description, int privacyScore, JsonNode metadata,
                           boolean isActive) {
    }

    static PluginResourcesView of(List<PluginResourceAssociation> associations) {
        return new PluginResourcesView(associations.stream().map(a -> new Association(a.pluginId(),
                a.resourceTypeSlug(), a.instanceIds(), a.instances().stream().map(PluginResourcesView::instance)
                .toList())).toList());
    }

    private static Instance instance(ResourceInstance i) {
        return new Instance(i.id(), i.name(), i.description(), i.privacyScore(),
                i.metadata().isEmpty() ? null : Json.tree(i.metadata()), i.isActive());
    }
}
