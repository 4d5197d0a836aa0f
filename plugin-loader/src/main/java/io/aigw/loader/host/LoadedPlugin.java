package io.aigw.loader.host;

import io.aigw.plugin.api.Plugin;

import java.util.Optional;
import java.util.function.Consumer;

/** A plugin made live by a {@link PluginLauncher}, not yet initialized. */
public interface LoadedPlugin extends AutoCloseable {

    Plugin plugin();

    /** The version the plugin's manifest declares, or empty when unknown. */
    String version();

    /** The OS process serving the plugin, when launching started one (an external binary). */
    default Optional<PluginProcessInfo> process() {
        return Optional.empty();
    }

    /**
     * Starts watching the plugin's health, for plugins that can die on their own (a process).
     * {@code onFailure} is called at most once, with the reason, when the plugin is gone; the host
     * then takes it out of service and restarts it.
     */
    default void watch(Consumer<String> onFailure) {
    }

    /** Stops the watch: the host no longer serves from this plugin. */
    default void stopWatching() {
    }

    /** Releases what launching took (class loader, process, connection). */
    @Override
    void close();
}
