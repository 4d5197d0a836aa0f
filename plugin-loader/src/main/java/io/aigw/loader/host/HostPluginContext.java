package io.aigw.loader.host;

import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStore;

/**
 * The {@link PluginContext} the host gives every plugin: a logger named after the plugin, and the
 * plugin's own store (from the host's {@code PluginStorage}, by the plugin's registration id).
 */
record HostPluginContext(String pluginName, System.Logger logger, PluginStore store) implements PluginContext {

    static HostPluginContext of(String pluginName, PluginStore store) {
        return new HostPluginContext(pluginName, System.getLogger("plugin." + pluginName), store);
    }
}
