package io.aigw.studio.apps;

import java.util.List;

/**
 * The instances of one plugin resource type an App selects, as the API takes and shows them
 * ({@code plugin_resources} items). An empty {@code instanceIds} selects nothing of that type.
 */
public record PluginResourceSelection(long pluginId, String resourceTypeSlug, List<String> instanceIds) {

    public PluginResourceSelection {
        instanceIds = List.copyOf(instanceIds);
    }

    /** "type 'mcp_servers' of plugin 3", for messages. */
    public String describeType() {
        return describeType(pluginId, resourceTypeSlug);
    }

    static String describeType(long pluginId, String slug) {
        return "type '" + slug + "' of plugin " + pluginId;
    }
}
