package io.aigw.studio.catalog;

import io.aigw.studio.db.LinkTable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One join table per {@link Kind} on the same owner (an App's LLMs, datasources and tools; a
 * group's catalogues of each kind), read for many owners in one query over all kinds.
 */
public final class KindLinks {

    /** What each App bundles: {@code app_llms}, {@code app_datasources}, {@code app_tools}. */
    public static final KindLinks APP_RESOURCES = new KindLinks(Kind::appLinksTable, "app_id", "resource_id");
    /** The catalogues granted to each group: {@code group_llm_catalogues}, ... */
    public static final KindLinks GROUP_CATALOGUES = new KindLinks(Kind::groupGrantsTable, "group_id", "catalogue_id");

    private final Map<Kind, LinkTable> tables = new EnumMap<>(Kind.class);
    private final String select;

    private KindLinks(Function<Kind, String> table, String ownerColumn, String linkedColumn) {
        for (Kind kind : Kind.values()) {
            tables.put(kind, new LinkTable(table.apply(kind), ownerColumn, linkedColumn));
        }
        // one select per kind, tagged with the kind's name; <where> is the owner filter, if any
        this.select = Arrays.stream(Kind.values())
                .map(kind -> "select '" + kind.name() + "' as kind, " + ownerColumn + " as owner_id, " + linkedColumn
                        + " as linked_id from " + table.apply(kind) + " <where>")
                .collect(Collectors.joining(" union all ")) + " order by owner_id, linked_id";
    }

    /** The join table of one kind, for writing. */
    public LinkTable table(Kind kind) {
        return tables.get(kind);
    }

    /** Each owner's links by kind; every kind is present for every owner asked about. */
    public Map<Long, Map<Kind, List<Long>>> of(Handle h, Collection<Long> ownerIds) {
        Map<Long, Map<Kind, List<Long>>> links = new HashMap<>();
        ownerIds.forEach(id -> links.put(id, empty()));
        if (!ownerIds.isEmpty()) {
            collect(h.createQuery(select)
                    .define("where", "where " + tables.get(Kind.LLM).ownerColumn() + " = any (:owners)")
                    .bindArray("owners", Long.class, ownerIds), links);
        }
        return links;
    }

    /** Every owner's links by kind; owners without any link are absent. */
    public Map<Long, Map<Kind, List<Long>>> all(Handle h) {
        Map<Long, Map<Kind, List<Long>>> links = new HashMap<>();
        collect(h.createQuery(select).define("where", ""), links);
        return links;
    }

    /** An owner's links when it has none: every kind, empty. */
    public static Map<Kind, List<Long>> empty() {
        Map<Kind, List<Long>> none = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            none.put(kind, new java.util.ArrayList<>());
        }
        return none;
    }

    private static void collect(Query query, Map<Long, Map<Kind, List<Long>>> into) {
        query.map((rs, ctx) -> new Link(Kind.valueOf(rs.getString("kind")), rs.getLong("owner_id"),
                        rs.getLong("linked_id")))
                .forEach(l -> into.computeIfAbsent(l.ownerId(), k -> empty()).get(l.kind()).add(l.linkedId()));
    }

    private record Link(Kind kind, long ownerId, long linkedId) {
    }
}
