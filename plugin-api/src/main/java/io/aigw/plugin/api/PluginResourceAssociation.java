package io.aigw.plugin.api;

import java.util.List;

/** The instances of one plugin resource type that an App bundles. */
public record PluginResourceAssociation(long pluginId, String resourceTypeSlug, List<String> instanceIds,
                                        List<ResourceInstance> instances) {
    public PluginResourceAssociation {
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
