package io.aigw.studio.apps;

import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.studio.catalog.Kind;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An App as stored.
 *
 * @param ownerEmail the owner's current email when the App has an owner, else the stored label
 * @param ownerId    null for Apps no user owns (managed by admins only)
 * @param rateLimit  requests per minute; 0 means no limit
 * @param resources  the LLMs, datasources and tools the App bundles, by kind
 * @param pluginResources the plugin resource instances it bundles, by type in the order selected,
 *                   each with the stored copy of the instance's details
 */
public record AppRow(long id, String name, String description, String ownerEmail, Long ownerId, boolean isActive,
                     double monthlyBudget, int rateLimit, Map<String, String> metadata,
                     Map<Kind, List<Long>> resources, List<PluginResourceAssociation> pluginResources,
                     Instant createdAt, Instant updatedAt) {

    public AppRow {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        EnumMap<Kind, List<Long>> copy = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            copy.put(kind, List.copyOf(resources.getOrDefault(kind, List.of())));
        }
        resources = Collections.unmodifiableMap(copy);
        pluginResources = pluginResources == null ? List.of() : List.copyOf(pluginResources);
    }

    public AppRow withResources(Map<Kind, List<Long>> links, List<PluginResourceAssociation> plugin) {
        return new AppRow(id, name, description, ownerEmail, ownerId, isActive, monthlyBudget, rateLimit, metadata,
                links, plugin, createdAt, updatedAt);
    }
}
