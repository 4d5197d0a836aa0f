package io.aigw.studio.groups;

import java.util.List;

/** Seed 003: instances of one plugin resource type a group may use (direct mapping, no catalogue). */
public record PluginResourceGrant(long pluginId, String resourceTypeSlug, List<String> instanceIds) {
    public PluginResourceGrant {
        instanceIds = List.copyOf(instanceIds);
    }
}
