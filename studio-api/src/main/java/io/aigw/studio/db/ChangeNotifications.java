package io.aigw.studio.db;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes this control plane whenever any control plane on the same database commits a change to
 * what gateways serve: a session of its own LISTENs on {@link ChangeLog#CHANNEL}, which every such
 * commit NOTIFYs (migration V7). PostgreSQL is the only thing control planes share; no broker.
 *
 * <p>{@code onChange} also runs every {@code poll} without a notification, and after every
 * (re)connection: a notification missed while the session was down, or one PostgreSQL could not
 * deliver, costs at most one poll interval, never a change (changes are in the log, and
 * {@code onChange} reads the log, not the notification). It runs on this class's own thread, one
 * call at a time.
 */
public final class ChangeNotifications implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeNotifications.class.getName());
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(5);
    /** How often the listening session is checked while no notification arrives. */
    private static final Duration VALIDATE_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final Runnable onChange;
    private final Duration poll;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private ChangeNotifications(Database db, Runnable onChange, Duration poll) {
        this.db = db;
        this.onChange = onChange;
        this.poll = poll;
        this.thread = Thread.ofPlatform().daemon().name("config-change-listener").unstarted(this::run);
    }

    /** Starts listening; {@code onChange} runs at once, then on every notification and poll. */
    public static ChangeNotifications start(Database db, Runnable onChange, Duration poll) {
        ChangeNotifications notifications = new ChangeNotifications(db, onChange, poll);
        notifications.thread.start();
        return notifications;
    }

    private void run() {
        long backoffMillis = 100;
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ChangeLog.CHANNEL);
                }
                backoffMillis = 100;
                LOG.fine("listening for config changes on " + ChangeLog.CHANNEL);
                listen(c.unwrap(PGConnection.class), c);
            } catch (SQLException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "listening for config changes failed (polling until it is back): "
                            + e.getMessage());
                }
            } finally {
                connection = null;
            }
            if (closed) {
                return;
            }
            wake(); // polls while the session is down
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(RECONNECT_MAX.toMillis(), backoffMillis * 2);
        }
    }

    private void listen(PGConnection pg, Connection c) throws SQLException {
        wake(); // anything committed before LISTEN took effect
        long lastCheck = System.nanoTime();
        while (!closed) {
            pg.getNotifications((int) poll.toMillis()); // returns at the first notification, or after poll
            wake();
            if (System.nanoTime() - lastCheck > VALIDATE_EVERY.toNanos()) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening session is gone");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void wake() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "catching up with config changes failed (retried at the next change or poll)", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // unblocks getNotifications
            } catch (SQLException e) {
                // closing to stop; nothing else to do
            }
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
