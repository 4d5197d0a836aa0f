package io.aigw.plugin.api;

import java.util.Objects;

/**
 * The {@link PluginContext} every host gives a plugin: the gateway's plugin host, the plugin-side
 * runtime of an external plugin, and tests (a plugin author's too).
 */
public record BasicPluginContext(String pluginName, System.Logger logger) implements PluginContext {

    public BasicPluginContext {
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(logger, "logger");
    }

    /** A context whose logger is {@link #loggerFor(String)} the plugin. */
    public static BasicPluginContext named(String pluginName) {
        return new BasicPluginContext(pluginName, loggerFor(pluginName));
    }

    /** The logger a plugin's lines go to, {@code plugin.<name>}, wherever the plugin runs. */
    public static System.Logger loggerFor(String pluginName) {
        return System.getLogger("plugin." + pluginName);
    }
}
