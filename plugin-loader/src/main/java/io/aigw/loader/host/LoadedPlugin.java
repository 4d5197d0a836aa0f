package io.aigw.loader.host;

import io.aigw.plugin.api.Plugin;

import java.util.Optional;
import java.util.function.Consumer;

/** A plugin made live by a {@link PluginLauncher}, not yet initialized. */
public interface LoadedPlugin extends AutoCloseable {

    /** The plugin's lifecycle ({@code initialize}, {@code shutdown}); its capabilities are {@link #capabilities()}. */
    Plugin plugin();

    /**
     * What the plugin can be asked to do, known once {@link Plugin#initialize} returned: by
     * default the capability interfaces {@link #plugin()} implements (an in-process jar); an
     * external plugin has exactly those it announced at Initialize.
     */
    default PluginCapabilities capabilities() {
        return PluginCapabilities.implementedBy(plugin());
    }

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
