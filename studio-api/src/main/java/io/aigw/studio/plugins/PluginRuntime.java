package io.aigw.studio.plugins;

import io.aigw.gateway.PluginReport;

import java.util.Optional;

/** The gateway as the plugin API sees it: live status, and a way to restart one plugin. */
public interface PluginRuntime {

    Optional<PluginReport> report(long pluginId);

    /** Unloads and loads the plugin again (e.g. after its jar or binary was replaced). */
    void reload(long pluginId);
}
