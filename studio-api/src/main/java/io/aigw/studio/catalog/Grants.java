package io.aigw.studio.catalog;

import io.aigw.studio.db.Links;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The access chain: what a user reaches through their groups' catalogues. */
public final class Grants {

    private Grants() {
    }

    /** Ids of {@code kind} resources in catalogues granted to any group {@code userId} is in. */
    public static Set<Long> accessibleResources(Connection c, Kind kind, long userId) throws SQLException {
        return new HashSet<>(Links.longs(c, "select distinct i.resource_id from group_members m "
                + "join " + kind.groupGrantsTable() + " g on g.group_id = m.group_id "
                + "join " + kind.catalogueItemsTable() + " i on i.catalogue_id = g.catalogue_id "
                + "where m.user_id = ?", userId));
    }

    /** Ids of {@code kind} catalogues granted to any group {@code userId} is in. */
    public static Set<Long> accessibleCatalogues(Connection c, Kind kind, long userId) throws SQLException {
        return new HashSet<>(Links.longs(c, "select distinct g.catalogue_id from group_members m "
                + "join " + kind.groupGrantsTable() + " g on g.group_id = m.group_id where m.user_id = ?", userId));
    }

    public static List<Long> groupsOf(Connection c, long userId) throws SQLException {
        return Links.longs(c, "select group_id from group_members where user_id = ? order by group_id", userId);
    }
}
