package io.aigw.loader.host;

import io.aigw.plugin.api.PluginContext;

/** The {@link PluginContext} the host gives every plugin: a logger named after the plugin. */
record HostPluginContext(String pluginName, System.Logger logger) implements PluginContext {

    static HostPluginContext of(String pluginName) {
        return new HostPluginContext(pluginName, System.getLogger("plugin." + pluginName));
    }
}
