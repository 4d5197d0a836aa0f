package io.aigw.loader.host;

import java.util.Map;

/**
 * What should be running: one registered plugin, by the control plane's id.
 *
 * @param command {@code pf4j:<plugin-id>}, {@code file:///abs/path} or {@code grpc://host:port}
 */
public record PluginSpec(long id, String name, String command, Map<String, String> config) {
    public PluginSpec {
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
