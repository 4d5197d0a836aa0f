package io.aigw.studio.apps;

import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code apps} table; callers own the connection and the transaction. */
public final class AppRepository {

    private static final String COLUMNS = "id, name, description, owner_email, is_active, monthly_budget, "
            + "rate_limit, metadata::text, created_at, updated_at";

    public List<AppRow> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from apps order by id")) {
            return readAll(ps);
        }
    }

    public Optional<AppRow> find(Connection c, long id) throws SQLException {
        return one(c, "select " + COLUMNS + " from apps where id = ?", id);
    }

    public Optional<AppRow> findForUpdate(Connection c, long id) throws SQLException {
        return one(c, "select " + COLUMNS + " from apps where id = ? for update", id);
    }

    public AppRow insert(Connection c, NewApp a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into apps (name, description, owner_email, is_active, "
                + "monthly_budget, rate_limit, metadata) values (?, ?, ?, ?, ?, ?, ?::jsonb) returning " + COLUMNS)) {
            bind(ps, a);
            return readAll(ps).getFirst();
        }
    }

    public AppRow update(Connection c, long id, NewApp a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update apps set name = ?, description = ?, owner_email = ?, "
                + "is_active = ?, monthly_budget = ?, rate_limit = ?, metadata = ?::jsonb, updated_at = now() "
                + "where id = ? returning " + COLUMNS)) {
            bind(ps, a);
            ps.setLong(8, id);
            return readAll(ps).getFirst();
        }
    }

    /** Deletes the App and (by cascade) its credentials. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from apps where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement ps, NewApp a) throws SQLException {
        ps.setString(1, a.name());
        ps.setString(2, a.description());
        ps.setString(3, a.ownerEmail());
        ps.setBoolean(4, a.isActive());
        ps.setDouble(5, a.monthlyBudget());
        ps.setInt(6, a.rateLimit());
        ps.setString(7, Json.write(a.metadata()));
    }

    private static Optional<AppRow> one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return readAll(ps).stream().findFirst();
        }
    }

    private static List<AppRow> readAll(PreparedStatement ps) throws SQLException {
        List<AppRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new AppRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getDouble(6), rs.getInt(7), Json.stringMap(rs.getString(8)),
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()));
            }
        }
        return rows;
    }
}
