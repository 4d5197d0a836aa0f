package io.aigw.plugin.api;

/** What the host offers a plugin for its whole life. */
public interface PluginContext {

    /** The name the plugin is registered under in the control plane. */
    String pluginName();

    /** A logger whose lines are attributed to this plugin in the gateway log. */
    System.Logger logger();

    /**
     * The plugin's own durable key-value store (see {@link PluginStore}). On the control plane it
     * lives in the control plane's database, for in-process and external plugins alike; an edge
     * gateway, which has no database, passes each call on to the control plane's store of the same
     * registration, and throws {@link StoreUnavailableException} while it cannot reach it.
     */
    default PluginStore store() {
        return PluginStore.none();
    }
}
