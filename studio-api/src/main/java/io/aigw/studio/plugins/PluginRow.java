package io.aigw.studio.plugins;

import io.aigw.gateway.routing.PluginSlug;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered plugin as stored.
 *
 * @param manifestJson the plugin's manifest (drop-in jars), or null
 * @param source       {@code api} or {@code plugins_dir}
 */
public record PluginRow(long id, String name, String description, String command, String hookType,
                        List<String> hookTypes, Map<String, String> config, boolean isActive,
                        String manifestJson, String source, Instant createdAt, Instant updatedAt) {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_PLUGINS_DIR = "plugins_dir";

    public PluginRow {
        hookTypes = List.copyOf(hookTypes);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config)); // keeps the order given
    }

    public String slug() {
        return PluginSlug.of(config);
    }
}
