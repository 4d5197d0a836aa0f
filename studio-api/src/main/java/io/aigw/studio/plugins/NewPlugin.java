package io.aigw.studio.plugins;

import io.aigw.gateway.routing.PluginSlug;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plugin's stored fields without id and timestamps: what an insert or update writes. */
public record NewPlugin(String name, String description, String command, String hookType,
                       List<String> hookTypes, Map<String, String> config, boolean isActive,
                       String manifestJson, String source) {

    public NewPlugin {
        hookTypes = List.copyOf(hookTypes);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config)); // keeps the order given
    }

    public String slug() {
        return PluginSlug.of(config);
    }

    public NewPlugin withActive(boolean active) {
        return new NewPlugin(name, description, command, hookType, hookTypes, config, active, manifestJson, source);
    }
}
