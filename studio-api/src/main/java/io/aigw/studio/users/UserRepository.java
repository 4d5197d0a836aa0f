package io.aigw.studio.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code users} table. */
public final class UserRepository {

    private static final String COLUMNS = "id, email, name, is_admin, is_bootstrap, api_key_prefix, created_at, "
            + "updated_at";

    public List<UserRow> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from users order by id")) {
            return readAll(ps);
        }
    }

    public Optional<UserRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from users where id = ?")) {
            ps.setLong(1, id);
            return readAll(ps).stream().findFirst();
        }
    }

    public Optional<UserRow> findByEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from users where lower(email) = lower(?)")) {
            ps.setString(1, email);
            return readAll(ps).stream().findFirst();
        }
    }

    public UserRow insert(Connection c, String email, String name, boolean isAdmin, String keyHash, String keyPrefix)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into users (email, name, is_admin, api_key_hash, "
                + "api_key_prefix) values (?, ?, ?, ?, ?) returning " + COLUMNS)) {
            ps.setString(1, email);
            ps.setString(2, name);
            ps.setBoolean(3, isAdmin);
            ps.setString(4, keyHash);
            ps.setString(5, keyPrefix);
            return readAll(ps).getFirst();
        }
    }

    public UserRow update(Connection c, long id, String email, String name, boolean isAdmin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update users set email = ?, name = ?, is_admin = ?, "
                + "updated_at = now() where id = ? returning " + COLUMNS)) {
            ps.setString(1, email);
            ps.setString(2, name);
            ps.setBoolean(3, isAdmin);
            ps.setLong(4, id);
            return readAll(ps).getFirst();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from users where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<UserRow> readAll(PreparedStatement ps) throws SQLException {
        List<UserRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant()));
            }
        }
        return rows;
    }
}
