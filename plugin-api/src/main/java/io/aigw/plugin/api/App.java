package io.aigw.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * The App a request's token belongs to.
 *
 * @param rateLimit       requests per minute
 * @param metadata        admin-defined key/values, e.g. per-app ACLs for a plugin
 * @param pluginResources plugin resource instances bundled into this App
 */
public record App(long id, String name, String description, String ownerEmail, boolean isActive,
                  double monthlyBudget, int rateLimit, Map<String, String> metadata,
                  List<PluginResourceAssociation> pluginResources) {

    public App {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        ownerEmail = ownerEmail == null ? "" : ownerEmail;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        pluginResources = pluginResources == null ? List.of() : List.copyOf(pluginResources);
    }
}
