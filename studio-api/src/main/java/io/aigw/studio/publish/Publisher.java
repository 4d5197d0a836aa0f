package io.aigw.studio.publish;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.studio.db.ChangeLog;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes the stored configuration to the gateway. It publishes after every commit that changed
 * what gateways serve, before that transaction returns to its caller ({@link
 * Database#onConfigChange}): an API call that returns has taken effect (a revoked token is
 * refused at once), and no handler has to remember to publish.
 *
 * <p>Publishes run one at a time. A caller that waited while another publish read the database
 * after its commit skips its own: that snapshot already carried its change.
 */
public final class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());
    // How far back the change log reaches. Nothing reads old rows yet; gateways further behind
    // than this will be sent a whole snapshot instead of the changes (config sync at scale).
    static final Duration CHANGE_LOG_RETENTION = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Database db;
    private final Gateway gateway;
    private final SnapshotReader reader = new SnapshotReader();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong requested = new AtomicLong();
    private long covered; // guarded by lock: every request numbered up to this is in the gateway
    private CompletableFuture<Void> pluginsSettling = CompletableFuture.completedFuture(null); // guarded by lock
    private final List<Consumer<ConfigSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

    /** A publisher of {@code db}'s changes to {@code gateway}, from now on. */
    public Publisher(Database db, Gateway gateway) {
        this.db = db;
        this.gateway = gateway;
        db.onConfigChange(this::publish);
    }

    /**
     * Also hands every published snapshot to {@code listener} (edge fan-out), after the embedded
     * gateway took it. Listeners must not block.
     */
    public void addListener(Consumer<ConfigSnapshot> listener) {
        listeners.add(listener);
    }

    /** Publishes everything committed before this call; returns once the gateway serves it. */
    public void publish() {
        long ticket = requested.incrementAndGet();
        CompletableFuture<Void> plugins;
        lock.lock();
        try {
            if (covered >= ticket) {
                plugins = pluginsSettling;
            } else {
                long upTo = requested.get(); // all of these committed before the read below
                ConfigSnapshot snapshot = db.transaction(reader::read);
                try {
                    plugins = gateway.applyAsync(snapshot);
                } catch (RuntimeException e) {
                    throw new PublishException("the change is saved, but the gateway did not apply it: "
                            + e.getMessage(), e);
                }
                pluginsSettling = plugins;
                covered = upTo;
                listeners.forEach(l -> l.accept(snapshot));
                LOG.fine(() -> "published config version " + snapshot.version() + " (" + snapshot.plugins().size()
                        + " plugins, " + snapshot.apps().size() + " apps)");
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: a plugin slow to start delays only the writes that changed it.
        Gateway.awaitPlugins(plugins);
        pruneIfDue();
    }

    /** At most once an hour, by whichever publish comes first; a failure only waits for the next. */
    private void pruneIfDue() {
        Instant now = Instant.now();
        Instant due = nextPrune.get();
        if (now.isBefore(due) || !nextPrune.compareAndSet(due, now.plus(PRUNE_EVERY))) {
            return;
        }
        try {
            int pruned = db.transaction(h -> ChangeLog.prune(h, CHANGE_LOG_RETENTION));
            LOG.fine(() -> "pruned " + pruned + " config change rows older than " + CHANGE_LOG_RETENTION);
        } catch (DatabaseException e) {
            LOG.log(Level.WARNING, "pruning the config change log failed", e);
        }
    }
}
