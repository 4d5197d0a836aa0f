package io.aigw.studio.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A many-to-many join table read from one side: {@code owner} id → linked ids (group → members,
 * catalogue → items, App → LLMs, ...). Loads for many owners take one query, never one per owner.
 * Table and column names come from code constants, never from requests.
 */
public record LinkTable(String table, String ownerColumn, String linkedColumn) {

    /** The ids linked to {@code ownerId}, ascending. */
    public List<Long> of(Handle h, long ownerId) {
        return of(h, List.of(ownerId)).getOrDefault(ownerId, List.of());
    }

    /** The ids linked to each of {@code ownerIds} (owners without links are absent), ascending. */
    public Map<Long, List<Long>> of(Handle h, Collection<Long> ownerIds) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        return collect(select(h, " where <owner> = any (:owners)").bindArray("owners", Long.class, ownerIds));
    }

    /** Every owner's linked ids, ascending. */
    public Map<Long, List<Long>> all(Handle h) {
        return collect(select(h, ""));
    }

    /** Makes {@code ownerId}'s links exactly {@code ids}. */
    public void replace(Handle h, long ownerId, Collection<Long> ids) {
        h.createUpdate("delete from <table> where <owner> = :owner")
                .define("table", table).define("owner", ownerColumn)
                .bind("owner", ownerId)
                .execute();
        if (ids.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("insert into <table> (<owner>, <linked>) values (:owner, :linked) "
                        + "on conflict do nothing")
                .define("table", table).define("owner", ownerColumn).define("linked", linkedColumn);
        for (long id : ids) {
            batch.bind("owner", ownerId).bind("linked", id).add();
        }
        batch.execute();
    }

    private org.jdbi.v3.core.statement.Query select(Handle h, String where) {
        return h.createQuery("select <owner> as owner_id, <linked> as linked_id from <table>" + where
                        + " order by <owner>, <linked>")
                .define("table", table).define("owner", ownerColumn).define("linked", linkedColumn);
    }

    private static Map<Long, List<Long>> collect(org.jdbi.v3.core.statement.Query query) {
        Map<Long, List<Long>> byOwner = new LinkedHashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getLong("owner_id"), rs.getLong("linked_id")))
                .forEach(link -> byOwner.computeIfAbsent(link.getKey(), k -> new ArrayList<>()).add(link.getValue()));
        return byOwner;
    }
}
