package io.aigw.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * A registered plugin.
 *
 * @param command {@code pf4j:<plugin-id>}, {@code file:///abs/path} or {@code grpc://host:port}
 */
public record PluginConfig(long id, String name, String command, String hookType, List<String> hookTypes,
                           Map<String, String> config, boolean isActive) {

    public static final String CUSTOM_ENDPOINT = "custom_endpoint";

    public PluginConfig {
        hookTypes = hookTypes == null ? List.of() : List.copyOf(hookTypes);
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    public boolean hasHook(String hook) {
        return hook.equals(hookType) || hookTypes.contains(hook);
    }
}
