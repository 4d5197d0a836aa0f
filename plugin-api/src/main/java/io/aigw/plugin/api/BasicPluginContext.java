package io.aigw.plugin.api;

import java.util.Objects;

/**
 * The {@link PluginContext} every host gives a plugin: the gateway's plugin host, the plugin-side
 * runtime of an external plugin, and tests (a plugin author's too).
 *
 * @param store the plugin's own store; a host without storage passes one that says so
 *              ({@link PluginStore#none()})
 */
public record BasicPluginContext(String pluginName, System.Logger logger, PluginStore store)
        implements PluginContext {

    public BasicPluginContext {
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(store, "store");
    }

    /** A context without storage: every store call says this host offers none. */
    public BasicPluginContext(String pluginName, System.Logger logger) {
        this(pluginName, logger, PluginStore.none());
    }

    /** A context whose logger is {@link #loggerFor(String)} the plugin, without storage. */
    public static BasicPluginContext named(String pluginName) {
        return named(pluginName, PluginStore.none());
    }

    /** A context whose logger is {@link #loggerFor(String)} the plugin and whose store is {@code store}. */
    public static BasicPluginContext named(String pluginName, PluginStore store) {
        return new BasicPluginContext(pluginName, loggerFor(pluginName), store);
    }

    /** The logger a plugin's lines go to, {@code plugin.<name>}, wherever the plugin runs. */
    public static System.Logger loggerFor(String pluginName) {
        return System.getLogger("plugin." + pluginName);
    }
}
