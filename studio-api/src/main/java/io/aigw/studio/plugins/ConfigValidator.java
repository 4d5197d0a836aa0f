package io.aigw.studio.plugins;

import java.util.Map;

/** Checks a plugin's config before it is stored, against what the plugin declares it takes. */
@FunctionalInterface
public interface ConfigValidator {

    /** Accepts every config. */
    ConfigValidator NONE = (pluginId, command, config) -> { };

    /**
     * Refuses {@code config} for the plugin started by {@code command} ({@code pluginId} 0 for one
     * not created yet) with an {@link io.aigw.studio.http.ApiException} naming the field.
     */
    void validate(long pluginId, String command, Map<String, String> config);
}
