package io.aigw.studio.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Join-table helpers for the many-to-many links (group members, catalogue items, grants, App
 * resources). Table and column names come from code constants, never from requests.
 */
public final class Links {

    private Links() {
    }

    /** The ids in {@code column} of {@code table} where {@code ownerColumn = ownerId}, ascending. */
    public static List<Long> of(Connection c, String table, String ownerColumn, String column, long ownerId)
            throws SQLException {
        return longs(c, "select " + column + " from " + table + " where " + ownerColumn + " = ? order by "
                + column, ownerId);
    }

    /** Every owner's linked ids, for listing many rows without a query per row. */
    public static Map<Long, List<Long>> all(Connection c, String table, String ownerColumn, String column)
            throws SQLException {
        Map<Long, List<Long>> byOwner = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select " + ownerColumn + ", " + column + " from " + table
                + " order by " + ownerColumn + ", " + column);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byOwner.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return byOwner;
    }

    /** Makes {@code ownerId}'s links exactly {@code ids}. */
    public static void replace(Connection c, String table, String ownerColumn, String column, long ownerId,
                               Collection<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where " + ownerColumn + " = ?")) {
            ps.setLong(1, ownerId);
            ps.executeUpdate();
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (" + ownerColumn + ", " + column
                + ") values (?, ?) on conflict do nothing")) {
            for (long id : ids) {
                ps.setLong(1, ownerId);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The ids of {@code ids} that have no row in {@code table}, in the order given. */
    public static List<Long> missing(Connection c, String table, Collection<Long> ids) throws SQLException {
        List<Long> missing = new ArrayList<>();
        if (ids.isEmpty()) {
            return missing;
        }
        List<Long> present = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from " + table + " where id = any (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
        }
        for (long id : ids) {
            if (!present.contains(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    public static List<Long> longs(Connection c, String sql, long param) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** True when a foreign key refuses the change because the row is still in use. */
    public static boolean isInUse(SQLException e) {
        // 23001: an "on delete restrict" key; 23503: any other foreign key violation
        return "23001".equals(e.getSQLState()) || "23503".equals(e.getSQLState());
    }

    /** True when {@code e} is a unique index refusing a duplicate. */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
