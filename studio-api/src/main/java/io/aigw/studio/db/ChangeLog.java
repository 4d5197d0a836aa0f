package io.aigw.studio.db;

import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.List;

/**
 * The {@code config_changes} table: a row for each change to what gateways serve, written by
 * triggers (migration V3) in the changing transaction, so no code path can skip it; at commit the
 * transaction takes the next config version, recorded in {@code config_commits} (migration V7:
 * in commit order, so a version read in a snapshot is a safe watermark). Here:
 * whether the current transaction wrote any (then it is published after commit), the version,
 * the entities changed between two versions, and pruning.
 */
public final class ChangeLog {

    /** The channel every commit that changed served configuration NOTIFYs (payload: its version). */
    public static final String CHANNEL = "aigw_config_changes";

    private ChangeLog() {
    }

    /** An entity named by change rows: {@code plugin}, {@code app} or {@code credential}, and its id. */
    public record Changed(String entity, long id) {
    }

    /**
     * The newest config version, and the oldest one deltas can still be read from (the log holds
     * every change after it).
     */
    public record Versions(long version, long prunedThrough) {
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

    /** The versions as of {@code h}'s snapshot. */
    public static Versions versions(Handle h) {
        return h.createQuery("select version, pruned_through from config_version")
                .map((rs, ctx) -> new Versions(rs.getLong("version"), rs.getLong("pruned_through")))
                .one();
    }

    /**
     * Each entity changed after version {@code from} up to and including {@code to}, once.
     *
     * <p>Two lookups by key, the commits' txids first: joined in one query, the planner may scan
     * the whole change log when its statistics say a txid has many rows (they do after a bulk
     * load: one transaction, 200,000 rows), which would make every publish O(all). Sequential
     * scans are off for the rest of the (read-only) transaction for the same reason: everything a
     * delta reads is found by key.
     */
    public static List<Changed> between(Handle h, long from, long to) {
        h.execute("set local enable_seqscan = off");
        List<Long> txids = h.createQuery("select txid from config_commits where version > :from and version <= :to")
                .bind("from", from)
                .bind("to", to)
                .mapTo(Long.class)
                .list();
        if (txids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("select distinct entity, entity_id from config_changes where txid = any (:txids) "
                        + "order by entity, entity_id")
                .bindArray("txids", Long.class, txids)
                .map((rs, ctx) -> new Changed(rs.getString("entity"), rs.getLong("entity_id")))
                .list();
    }

    /**
     * Deletes rows older than {@code keep}; returns how many. Deltas from a version before the
     * newest one pruned can no longer be read: gateways that far behind get a whole snapshot.
     */
    public static int prune(Handle h, Duration keep) {
        List<Long> txids = h.createQuery("delete from config_changes "
                        + "where changed_at < now() - make_interval(secs => :seconds) returning txid")
                .bind("seconds", (double) keep.toSeconds())
                .mapTo(Long.class)
                .list();
        if (txids.isEmpty()) {
            return 0;
        }
        List<Long> distinct = txids.stream().distinct().toList();
        Long newest = h.createQuery("select max(version) from config_commits where txid = any (:txids)")
                .bindArray("txids", Long.class, distinct)
                .mapTo(Long.class)
                .one();
        h.createUpdate("delete from config_commits k where k.txid = any (:txids) "
                        + "and not exists (select 1 from config_changes c where c.txid = k.txid)")
                .bindArray("txids", Long.class, distinct)
                .execute();
        if (newest != null) {
            h.createUpdate("update config_version set pruned_through = greatest(pruned_through, :newest)")
                    .bind("newest", newest)
                    .execute();
        }
        return txids.size();
    }
}
