package io.aigw.gateway;

import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.loader.directory.PluginJarListener;

import java.util.Optional;

/** The edge: serves /plugins/{slug}/... from the plugins a {@link ConfigSnapshot} names. */
public final class Gateway implements AutoCloseable {

    public static Gateway start(GatewaySettings settings) {
        throw new UnsupportedOperationException("being written");
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Makes the gateway serve {@code snapshot}: credentials and apps switch at once; plugins are
     * loaded, reloaded or unloaded before this returns (bounded wait).
     */
    public void apply(ConfigSnapshot snapshot) {
        throw new UnsupportedOperationException("being written");
    }

    public long appliedVersion() {
        throw new UnsupportedOperationException("being written");
    }

    public Optional<PluginReport> pluginReport(long pluginId) {
        throw new UnsupportedOperationException("being written");
    }

    /** Jar events from the plugins directory; jars already present are reported as added. */
    public void addPluginJarListener(PluginJarListener listener) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
