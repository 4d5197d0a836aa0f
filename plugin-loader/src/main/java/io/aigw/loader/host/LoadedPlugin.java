package io.aigw.loader.host;

import io.aigw.plugin.api.Plugin;

/** A plugin made live by a {@link PluginLauncher}, not yet initialized. */
public interface LoadedPlugin extends AutoCloseable {

    Plugin plugin();

    /** The version the plugin's manifest declares, or empty when unknown. */
    String version();

    /** Releases what launching took (class loader, process, connection). */
    @Override
    void close();
}
