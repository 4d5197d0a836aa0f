package io.aigw.studio.db;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that ids a request names exist. Table names come from code constants, never from requests. */
public final class Ids {

    private Ids() {
    }

    /** The ids of {@code ids} that have no row in {@code table}, in the order given. */
    public static List<Long> missing(Handle h, String table, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<Long> present = new HashSet<>(h.createQuery("select id from <table> where id = any (:ids)")
                .define("table", table)
                .bindArray("ids", Long.class, ids)
                .mapTo(Long.class)
                .list());
        return ids.stream().filter(id -> !present.contains(id)).toList();
    }
}
