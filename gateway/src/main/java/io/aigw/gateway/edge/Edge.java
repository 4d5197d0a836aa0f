package io.aigw.gateway.edge;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.PluginSelection;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.loader.LocalPluginHost;
import io.aigw.loader.store.PluginStorage;

import java.io.IOException;
import java.io.UncheckedIOException;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * A gateway without a database (hybrid deployment): it serves the last snapshot it persisted, then
 * whatever the control plane pushes. It keeps serving when the control plane is away. It owns its
 * process's plugin host, which loads only endpoint plugins: edges never call other capabilities.
 */
public final class Edge implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Edge.class.getName());
    /**
     * What an edge's plugins get from {@code PluginContext.store()}: the store lives in the control
     * plane's database, which an edge never touches, and plugins on edges are never asked for
     * what they would keep there (resource provider calls happen on the control plane).
     */
    public static final String NO_STORAGE_REASON = "plugin storage is only available on the control plane; "
            + "this is an edge gateway, which has no database";
    static final PluginStorage NO_STORAGE = PluginStorage.unavailable(NO_STORAGE_REASON);

    private final LocalPluginHost plugins;
    private final Gateway gateway;
    private final SnapshotStore store;
    private final ControlPlaneClient client;

    private Edge(EdgeSettings settings) {
        this.store = new SnapshotStore(settings.snapshotFile());
        try {
            this.plugins = LocalPluginHost.open(settings.gateway().pluginHost(), NO_STORAGE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the edge gateway: " + e.getMessage(), e);
        }
        try {
            this.gateway = Gateway.start(settings.gateway(), plugins.host(), PluginSelection.ENDPOINT_PLUGINS);
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
        try {
            store.load().ifPresent(snapshot -> {
                gateway.apply(snapshot);
                LOG.log(INFO, "Serving persisted snapshot version {0} until the control plane answers",
                        snapshot.version());
            });
            this.client = new ControlPlaneClient(settings, this::apply);
            client.start();
        } catch (RuntimeException e) {
            gateway.close();
            plugins.close();
            throw e;
        }
    }

    public static Edge start(EdgeSettings settings) {
        LOG.log(INFO, "Starting edge gateway: {0}", settings);
        return new Edge(settings);
    }

    private void apply(ConfigSnapshot snapshot, String json) {
        gateway.apply(snapshot);
        try {
            store.save(json);
        } catch (IOException e) {
            // still serving it; only a restart without the control plane would miss it
            LOG.log(WARNING, "Could not persist snapshot version " + snapshot.version(), e);
        }
    }

    public int port() {
        return gateway.port();
    }

    /** The snapshot version being served; -1 before any. */
    public long appliedVersion() {
        return gateway.appliedVersion();
    }

    public boolean connected() {
        return client.connected();
    }

    /** Stops taking snapshots, then serving, then the plugins (external ones get Shutdown). */
    @Override
    public void close() {
        client.close();
        gateway.close();
        plugins.close();
    }
}
