package io.aigw.loader.manifest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
    /** A plugin id: the manifest's {@code id}, and the {@code <plugin-id>} of a {@code pf4j:} command. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public PluginManifest {
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        resourceTypes = resourceTypes == null ? List.of() : List.copyOf(resourceTypes);
        defaultConfig = defaultConfig == null ? Map.of() : Map.copyOf(defaultConfig);
        description = description == null ? "" : description;
    }
}
