package io.aigw.studio.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for one kind's resource table. */
public final class ResourceRepository {

    private final Kind kind;
    private final String columns;

    public ResourceRepository(Kind kind) {
        this.kind = kind;
        this.columns = "id, name, description, " + (kind.hasVendor() ? "vendor" : "null") + ", privacy_score, "
                + "is_active, created_at, updated_at";
    }

    public List<ResourceRow> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + kind.table() + " order by id")) {
            return readAll(ps);
        }
    }

    public List<ResourceRow> findAll(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + kind.table()
                + " where id = any (?) order by id")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            return readAll(ps);
        }
    }

    public Optional<ResourceRow> find(Connection c, long id) throws SQLException {
        return findAll(c, List.of(id)).stream().findFirst();
    }

    public ResourceRow insert(Connection c, ResourceRow r) throws SQLException {
        String sql = kind.hasVendor()
                ? "insert into " + kind.table() + " (name, description, privacy_score, is_active, vendor) "
                + "values (?, ?, ?, ?, ?) returning " + columns
                : "insert into " + kind.table() + " (name, description, privacy_score, is_active) "
                + "values (?, ?, ?, ?) returning " + columns;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, r);
            return readAll(ps).getFirst();
        }
    }

    public ResourceRow update(Connection c, ResourceRow r) throws SQLException {
        String sql = "update " + kind.table() + " set name = ?, description = ?, privacy_score = ?, is_active = ?"
                + (kind.hasVendor() ? ", vendor = ?" : "") + ", updated_at = now() where id = ? returning " + columns;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = bind(ps, r);
            ps.setLong(next, r.id());
            return readAll(ps).getFirst();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + kind.table() + " where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private int bind(PreparedStatement ps, ResourceRow r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.description());
        ps.setInt(3, r.privacyScore());
        ps.setBoolean(4, r.isActive());
        if (kind.hasVendor()) {
            ps.setString(5, r.vendor());
            return 6;
        }
        return 5;
    }

    private static List<ResourceRow> readAll(PreparedStatement ps) throws SQLException {
        List<ResourceRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ResourceRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant()));
            }
        }
        return rows;
    }
}
