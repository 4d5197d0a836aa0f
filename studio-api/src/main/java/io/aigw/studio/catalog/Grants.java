package io.aigw.studio.catalog;

import org.jdbi.v3.core.Handle;

import java.util.HashSet;
import java.util.Set;

/** The access chain: what a user reaches through their groups' catalogues. */
public final class Grants {

    private Grants() {
    }

    /** Ids of {@code kind} resources in catalogues granted to any group {@code userId} is in. */
    public static Set<Long> accessibleResources(Handle h, Kind kind, long userId) {
        return new HashSet<>(h.createQuery("select distinct i.resource_id from group_members m "
                        + "join <grants> g on g.group_id = m.group_id "
                        + "join <items> i on i.catalogue_id = g.catalogue_id "
                        + "where m.user_id = :userId")
                .define("grants", kind.groupGrantsTable())
                .define("items", kind.catalogueItemsTable())
                .bind("userId", userId)
                .mapTo(Long.class)
                .list());
    }

    /** Ids of {@code kind} catalogues granted to any group {@code userId} is in. */
    public static Set<Long> accessibleCatalogues(Handle h, Kind kind, long userId) {
        return new HashSet<>(h.createQuery("select distinct g.catalogue_id from group_members m "
                        + "join <grants> g on g.group_id = m.group_id where m.user_id = :userId")
                .define("grants", kind.groupGrantsTable())
                .bind("userId", userId)
                .mapTo(Long.class)
                .list());
    }
}
