package io.aigw.studio.plugins;

import io.aigw.gateway.PluginReport;

import java.util.List;
import java.util.Optional;

/** The gateway as the plugin API sees it: live status, and a way to restart one plugin. */
public interface PluginRuntime {

    Optional<PluginReport> report(long pluginId);

    /**
     * What the generation serving the plugin can be asked to do, by wire name ({@code custom_endpoint},
     * {@code resource_provider}, {@code ui_provider}, {@code config_provider}); empty while none serves.
     */
    default List<String> capabilities(long pluginId) {
        return List.of();
    }

    /** Unloads and loads the plugin again (e.g. after its jar or binary was replaced). */
    void reload(long pluginId);
}
