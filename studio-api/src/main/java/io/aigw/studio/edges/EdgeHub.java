package io.aigw.studio.edges;

import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.SnapshotJson;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fans published snapshots out to connected edges. Only the latest snapshot is kept: an edge that
 * falls behind skips straight to it, since each snapshot is complete on its own.
 */
public final class EdgeHub implements Consumer<ConfigSnapshot>, AutoCloseable {

    /** A snapshot in wire form, serialized once for all edges. */
    record Published(long version, String json) {
    }

    private final Map<String, EdgeConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Published current;
    private volatile boolean closed;

    @Override
    public void accept(ConfigSnapshot snapshot) {
        Published p = current;
        if (p == null || snapshot.version() > p.version()) {
            current = new Published(snapshot.version(), SnapshotJson.write(snapshot));
        }
        connections.values().forEach(EdgeConnection::signal);
    }

    Optional<Published> current() {
        return Optional.ofNullable(current);
    }

    EdgeConnection connect(String name, String address) {
        String id = "edge-" + ids.incrementAndGet();
        EdgeConnection connection = new EdgeConnection(id, name, address, Instant.now());
        connections.put(id, connection);
        return connection;
    }

    void disconnect(EdgeConnection connection) {
        connections.remove(connection.id());
    }

    boolean ack(String connectionId, long version) {
        EdgeConnection connection = connections.get(connectionId);
        if (connection == null) {
            return false;
        }
        connection.acked(version);
        return true;
    }

    boolean closed() {
        return closed;
    }

    public List<EdgeView> list() {
        return connections.values().stream().map(EdgeConnection::view)
                .sorted(Comparator.comparing(EdgeView::connectedAt).thenComparing(EdgeView::id)).toList();
    }

    /** Ends every stream (their loops see {@link #closed()}), so the server can stop promptly. */
    @Override
    public void close() {
        closed = true;
        connections.values().forEach(EdgeConnection::signal);
    }
}
