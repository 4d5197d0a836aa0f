package io.aigw.plugin.api;

/** What the host offers a plugin for its whole life. */
public interface PluginContext {

    /** The name the plugin is registered under in the control plane. */
    String pluginName();

    /** A logger whose lines are attributed to this plugin in the gateway log. */
    System.Logger logger();

    /**
     * The plugin's own durable key-value store (see {@link PluginStore}). On the control plane it
     * lives in the control plane's database, for in-process and external plugins alike; on an edge
     * gateway, which has no database, every call throws {@link StoreUnavailableException}.
     */
    default PluginStore store() {
        return PluginStore.none();
    }
}
