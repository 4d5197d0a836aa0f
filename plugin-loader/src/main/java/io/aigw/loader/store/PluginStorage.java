package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;

/**
 * Where the plugin host gets each plugin's {@link PluginStore}: handed to the host by the process's
 * main, since only it knows whether there is a database (the control plane) or not (an edge).
 */
@FunctionalInterface
public interface PluginStorage {

    /** A host without storage: every store call says so. */
    PluginStorage NONE = unavailable(PluginStore.NO_STORAGE_REASON);

    /**
     * The store of the plugin registered under {@code pluginId}; it reaches that plugin's keys only.
     * Cheap: called on every load of the plugin.
     */
    PluginStore forPlugin(long pluginId);

    /** Storage whose every store call throws {@code StoreUnavailableException} with {@code reason}. */
    static PluginStorage unavailable(String reason) {
        PluginStore store = PluginStore.unavailable(reason);
        return pluginId -> store;
    }
}
