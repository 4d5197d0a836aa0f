package io.aigw.studio.db;

import org.jdbi.v3.core.Handle;

import java.time.Duration;

/**
 * The {@code config_changes} table: a row for each change to what gateways serve, written by
 * triggers (migration V3) in the changing transaction, so no code path can skip it. Here: whether
 * the current transaction wrote any (then it is published after commit), and pruning.
 */
public final class ChangeLog {

    private ChangeLog() {
    }

    /**
     * True when the transaction on {@code h} has written change rows. A transaction that wrote
     * nothing has no transaction id yet, and asking does not assign one.
     */
    static boolean writtenBy(Handle h) {
        return h.createQuery("select exists (select 1 from config_changes where txid = txid_current_if_assigned())")
                .mapTo(Boolean.class)
                .one();
    }

    /** Deletes rows older than {@code keep}; returns how many. */
    public static int prune(Handle h, Duration keep) {
        return h.createUpdate("delete from config_changes where changed_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) keep.toSeconds())
                .execute();
    }
}
