package io.aigw.gateway.config;

import java.util.List;

/**
 * Everything a gateway needs to serve, as published by the control plane. A gateway applies a
 * snapshot as a whole; a higher version replaces a lower one.
 */
public record ConfigSnapshot(long version, List<PluginConfig> plugins, List<AppConfig> apps) {

    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(0, List.of(), List.of());

    public ConfigSnapshot {
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
