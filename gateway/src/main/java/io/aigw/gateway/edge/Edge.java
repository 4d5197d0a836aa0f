package io.aigw.gateway.edge;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.PluginSelection;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.loader.LocalPluginHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
     * What an edge's plugins get from {@code PluginContext.store()}: the control plane's store of
     * each plugin, over HTTP (the edge never touches the database); while no control plane can be
     * reached, store calls fail with {@code StoreUnavailableException}.
     */
    private final EdgePluginStorage storage;
    private final LocalPluginHost plugins;
    private final Gateway gateway;
    private final SnapshotStore store;
    private final ControlPlaneClient client;
    private final AtomicBoolean compacting = new AtomicBoolean();

    private Edge(EdgeSettings settings) {
        this.store = new SnapshotStore(settings.snapshotFile());
        // the control plane streamed from is asked first; the client is made below, hence the holder
        AtomicReference<ControlPlaneClient> streaming = new AtomicReference<>();
        this.storage = new EdgePluginStorage(settings.controlPlanes(), settings.secret(), settings.storeTimeout(),
                () -> {
                    ControlPlaneClient c = streaming.get();
                    return c == null ? null : c.controlPlane();
                });
        try {
            this.plugins = LocalPluginHost.open(settings.gateway().pluginHost(), storage);
        } catch (IOException e) {
            storage.close();
            throw new UncheckedIOException("cannot start the edge gateway: " + e.getMessage(), e);
        }
        try {
            this.gateway = Gateway.start(settings.gateway(), plugins.host(), PluginSelection.ENDPOINT_PLUGINS);
        } catch (RuntimeException e) {
            plugins.close();
            storage.close();
            throw e;
        }
        try {
            store.loadState().ifPresent(state -> {
                Gateway.awaitPlugins(gateway.replaceAsync(state));
                LOG.log(INFO, "Serving persisted config version {0} until the control plane answers",
                        state.version());
            });
            this.client = new ControlPlaneClient(settings, new Sink());
            streaming.set(client);
            client.start();
        } catch (RuntimeException e) {
            gateway.close();
            plugins.close();
            storage.close();
            throw e;
        }
    }

    public static Edge start(EdgeSettings settings) {
        LOG.log(INFO, "Starting edge gateway: {0}", settings);
        return new Edge(settings);
    }

    /** Applies what the control plane sends, then persists it (serving first: the disk can wait). */
    private final class Sink implements ControlPlaneClient.SyncSink {

        @Override
        public long version() {
            return gateway.appliedVersion();
        }

        @Override
        public void snapshot(ConfigSnapshot snapshot, String json) {
            // whole: the control plane sends one when the edge's version cannot be caught up with deltas
            Gateway.awaitPlugins(gateway.replaceAsync(ConfigState.of(snapshot)));
            try {
                store.save(snapshot.version(), json);
            } catch (IOException e) {
                // still serving it; only a restart without the control plane would miss it
                LOG.log(WARNING, "Could not persist snapshot version " + snapshot.version(), e);
            }
        }

        @Override
        public void delta(ConfigDelta delta, String json) {
            long before = gateway.appliedVersion();
            Gateway.awaitPlugins(gateway.applyAsync(delta));
            if (gateway.appliedVersion() == before) {
                return; // nothing newer in it
            }
            try {
                if (store.append(json)) {
                    compactSoon();
                }
            } catch (IOException e) {
                LOG.log(WARNING, "Could not persist config delta to version " + delta.to(), e);
            }
        }
    }

    // Off the stream thread: writing the whole state takes as long as the state is large.
    private void compactSoon() {
        if (!compacting.compareAndSet(false, true)) {
            return;
        }
        ConfigState state = gateway.state();
        Thread.ofVirtual().name("edge-snapshot-compaction").start(() -> {
            try {
                store.compact(state);
            } catch (IOException | RuntimeException e) {
                LOG.log(WARNING, "Could not compact the persisted snapshot", e);
            } finally {
                compacting.set(false);
            }
        });
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

    /** The control plane this edge streams from now, or null while it is not connected. */
    public URI controlPlane() {
        return client.controlPlane();
    }

    /** What this edge serves now, whole (O(all): for diagnostics and tests). */
    public ConfigSnapshot config() {
        return gateway.state().toSnapshot();
    }

    /** Stops taking snapshots, then serving, then the plugins (external ones get Shutdown). */
    @Override
    public void close() {
        client.close();
        gateway.close();
        plugins.close(); // before the storage: a plugin's shutdown may still write
        storage.close();
    }
}
