package io.aigw.studio.edges;

import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.SnapshotJson;
import io.aigw.studio.publish.Publisher;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans published changes out to connected edges. Each delta is serialized once for all edges and
 * kept in a bounded window of recent ones, a chain where each starts where the previous ended:
 * an edge a few changes behind is sent the ones it misses from here; one further behind gets the
 * changes read from the log, or a whole snapshot (see {@link EdgeService}).
 */
public final class EdgeHub implements Publisher.Listener, AutoCloseable {

    /** At most this many recent deltas are kept ... */
    static final int MAX_RECENT = 4096;
    /** ... and at most this many bytes of them. */
    static final long MAX_RECENT_BYTES = 16L << 20;

    /** A delta in wire form. */
    record Published(long from, long to, String json) {
    }

    private final Map<String, EdgeConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ArrayDeque<Published> recent = new ArrayDeque<>(); // guarded by this
    private long recentBytes; // guarded by this
    private volatile long version = -1;
    private volatile boolean closed;

    @Override
    public void published(ConfigDelta delta) {
        Published p = new Published(delta.from(), delta.to(), SnapshotJson.writeDelta(delta));
        synchronized (this) {
            if (!recent.isEmpty() && recent.peekLast().to() != p.from()) {
                recent.clear(); // not a chain any more: only what follows counts
                recentBytes = 0;
            }
            recent.addLast(p);
            recentBytes += p.json().length();
            while (recent.size() > MAX_RECENT || (recentBytes > MAX_RECENT_BYTES && recent.size() > 1)) {
                recentBytes -= recent.removeFirst().json().length();
            }
            version = delta.to();
        }
        connections.values().forEach(EdgeConnection::signal);
    }

    @Override
    public void reset(ConfigState state) {
        synchronized (this) {
            recent.clear();
            recentBytes = 0;
            version = state.version();
        }
        connections.values().forEach(EdgeConnection::signal);
    }

    /** The version published; -1 before the first. */
    long version() {
        return version;
    }

    /**
     * The recent deltas an edge holding {@code since} needs, in order (the first may start before
     * {@code since}: applying it from there is exact); empty when there is nothing newer; null
     * when the window does not reach back to {@code since}.
     */
    synchronized List<Published> after(long since) {
        if (version <= since) {
            return List.of();
        }
        List<Published> needed = new ArrayList<>();
        Iterator<Published> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext()) {
            Published p = newestFirst.next();
            if (p.to() <= since) {
                break;
            }
            needed.add(p);
            if (p.from() <= since) {
                Collections.reverse(needed);
                return needed;
            }
        }
        return null;
    }

    EdgeConnection connect(String name, String address, long since) {
        String id = "edge-" + ids.incrementAndGet();
        EdgeConnection connection = new EdgeConnection(id, name, address, Instant.now(), since);
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
