package io.aigw.studio.publish;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.studio.db.ChangeLog;
import io.aigw.studio.db.ChangeNotifications;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded gateway, and through {@link Listener}s the edges, at the newest config
 * version in the database, by deltas: each step reads the change log after the version published
 * (the entities named there, read again) and applies that, at a cost proportional to what
 * changed. A whole snapshot is read only at start, or if this control plane fell further behind
 * than the log reaches.
 *
 * <p>Three things make it step: a commit of this control plane that changed what gateways serve
 * ({@link Database#onConfigChange}: the API call returns once the embedded gateway serves it, so
 * a revoked token is refused at once and no handler has to remember to publish); a notification
 * that some control plane on the same database committed one ({@link ChangeNotifications}); and
 * a poll every {@link #POLL} in case a notification was lost. Whichever comes first publishes the
 * change; the others find nothing new.
 *
 * <p>Steps run one at a time. A caller that waited while another step read the database after
 * its commit skips its own: that step already carried its change.
 */
public final class Publisher implements AutoCloseable {

    /** Told of every published step, in version order, after the embedded gateway took it. Must not block. */
    public interface Listener {

        /** The gateway now serves {@code delta.to()}, reached from {@code delta.from()}. */
        void published(ConfigDelta delta);

        /** The gateway now serves {@code state}, taken whole (at start, or after falling behind the log). */
        void reset(ConfigState state);
    }

    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());
    /** How far back the change log reaches; gateways further behind get a whole snapshot. */
    static final Duration CHANGE_LOG_RETENTION = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** The fallback to notifications: how often the log is checked without one. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Database db;
    private final Gateway gateway;
    private final SnapshotReader reader = new SnapshotReader();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong requested = new AtomicLong();
    private long covered; // guarded by lock: every request numbered up to this is in the gateway
    private long version = -1; // guarded by lock: the version the gateway serves
    private CompletableFuture<Void> pluginsSettling = CompletableFuture.completedFuture(null); // guarded by lock
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);
    private volatile ChangeNotifications notifications;

    /** A publisher of {@code db}'s changes to {@code gateway}, from now on. */
    public Publisher(Database db, Gateway gateway) {
        this.db = db;
        this.gateway = gateway;
        db.onConfigChange(this::publish);
    }

    /** Also tells {@code listener} of every step from now on (edge fan-out). */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Starts following changes committed by other control planes on this database (LISTEN, and a
     * poll as a fallback).
     */
    public void listen() {
        notifications = ChangeNotifications.start(db, this::catchUp, POLL);
    }

    /** Publishes everything committed before this call; returns once the gateway serves it. */
    public void publish() {
        long ticket = requested.incrementAndGet();
        CompletableFuture<Void> plugins;
        lock.lock();
        try {
            plugins = covered >= ticket ? pluginsSettling : step();
        } finally {
            lock.unlock();
        }
        // Outside the lock: a plugin slow to start delays only the writes that changed it.
        Gateway.awaitPlugins(plugins);
        pruneIfDue();
    }

    /** Publishes whatever was committed, by any control plane, and not yet published; does not wait for plugins. */
    public void catchUp() {
        lock.lock();
        try {
            step();
        } finally {
            lock.unlock();
        }
        pruneIfDue();
    }

    /** The configuration published now (what the embedded gateway serves). */
    public ConfigState state() {
        return gateway.state();
    }

    /**
     * What changed after {@code since}, read from the log now, for an edge further behind than the
     * edge fan-out remembers; empty when the log no longer reaches back that far (or the edge holds
     * a version this database never had): it needs a whole snapshot.
     */
    public Optional<ConfigDelta> deltaSince(long since) {
        return db.snapshot(h -> {
            ChangeLog.Versions v = ChangeLog.versions(h);
            if (since < v.prunedThrough() || since >= v.version()) {
                return Optional.empty();
            }
            return Optional.of(reader.delta(h, since, v.version()));
        });
    }

    // under lock
    private CompletableFuture<Void> step() {
        long upTo = requested.get(); // all of these committed before the read below
        long held = version;
        Step next = db.snapshot(h -> {
            ChangeLog.Versions v = ChangeLog.versions(h);
            if (held >= 0 && v.version() == held) {
                return null;
            }
            if (held < 0 || held < v.prunedThrough() || held > v.version()) {
                return new Step(reader.read(h), null);
            }
            return new Step(null, reader.delta(h, held, v.version()));
        });
        if (next == null) {
            covered = upTo;
            return pluginsSettling;
        }
        CompletableFuture<Void> plugins;
        try {
            if (next.delta() != null) {
                plugins = gateway.applyAsync(next.delta());
            } else {
                plugins = gateway.replaceAsync(ConfigState.of(next.snapshot()));
            }
        } catch (RuntimeException e) {
            throw new PublishException("the change is saved, but the gateway did not apply it: " + e.getMessage(), e);
        }
        pluginsSettling = plugins;
        covered = upTo;
        if (next.delta() != null) {
            ConfigDelta delta = next.delta();
            version = delta.to();
            listeners.forEach(l -> l.published(delta));
            LOG.fine(() -> "published config version " + delta.to() + " (from " + delta.from() + ": "
                    + delta.size() + " entities)");
        } else {
            ConfigState state = gateway.state();
            version = state.version();
            listeners.forEach(l -> l.reset(state));
            LOG.info(() -> "published config version " + state.version() + " whole (" + state.plugins().size()
                    + " plugins, " + state.appCount() + " apps, " + state.credentialCount() + " credentials)");
        }
        return plugins;
    }

    private record Step(ConfigSnapshot snapshot, ConfigDelta delta) {
    }

    /**
     * At most once an hour, started by whichever step comes first, on a thread of its own: no
     * write waits for it. A failure only waits for the next.
     */
    private void pruneIfDue() {
        Instant now = Instant.now();
        Instant due = nextPrune.get();
        if (now.isBefore(due) || !nextPrune.compareAndSet(due, now.plus(PRUNE_EVERY))) {
            return;
        }
        Thread.ofVirtual().name("config-change-log-prune").start(() -> {
            try {
                int pruned = db.transaction(h -> ChangeLog.prune(h, CHANGE_LOG_RETENTION));
                LOG.fine(() -> "pruned " + pruned + " config change rows older than " + CHANGE_LOG_RETENTION);
            } catch (DatabaseException e) {
                LOG.log(Level.WARNING, "pruning the config change log failed", e);
            }
        });
    }

    /** Stops following other control planes' changes. */
    @Override
    public void close() {
        ChangeNotifications n = notifications;
        if (n != null) {
            n.close();
        }
    }
}
