package io.aigw.loader.manifest;

import java.util.List;
import java.util.Map;

/**
 * A plugin's JSON manifest ({@code plugin.json} at the root of a jar), as in the seeds, plus
 * {@code default_config}: the config a drop-in plugin is registered with (e.g. its default slug).
 *
 * @param json the manifest exactly as read, for storing alongside the plugin's registration
 */
public record PluginManifest(String id, String name, String version, String description,
                             List<String> hooks, String primaryHook, List<ResourceTypeManifest> resourceTypes,
                             Map<String, String> defaultConfig, String json) {

    public static final String FILE_NAME = "plugin.json";

    public PluginManifest {
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
        defaultConfig = defaultConfig == null ? Map.of() : Map.copyOf(defaultConfig);
        description = description == null ? "" : description;
    }
}
