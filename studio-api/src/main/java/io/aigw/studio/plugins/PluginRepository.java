package io.aigw.studio.plugins;

import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code plugins} table; callers own the connection and the transaction. */
public final class PluginRepository {

    private static final String COLUMNS = "id, name, description, command, hook_type, hook_types::text, "
            + "config::text, is_active, manifest::text, source, created_at, updated_at";

    public List<PluginRow> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from plugins order by id")) {
            return readAll(ps);
        }
    }

    public Optional<PluginRow> find(Connection c, long id) throws SQLException {
        return one(c, "select " + COLUMNS + " from plugins where id = ?", id);
    }

    /** Locks the row until the transaction ends, so concurrent patches apply one after another. */
    public Optional<PluginRow> findForUpdate(Connection c, long id) throws SQLException {
        return one(c, "select " + COLUMNS + " from plugins where id = ? for update", id);
    }

    public List<PluginRow> findByCommand(Connection c, String command) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from plugins where command = ? order by id")) {
            ps.setString(1, command);
            return readAll(ps);
        }
    }

    /** The active plugin other than {@code exceptId} that already serves {@code slug}, if any. */
    public Optional<PluginRow> findActiveBySlug(Connection c, String slug, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from plugins where is_active and config ->> 'slug' = ? and id <> ? order by id limit 1")) {
            ps.setString(1, slug);
            ps.setLong(2, exceptId);
            List<PluginRow> rows = readAll(ps);
            return rows.stream().findFirst();
        }
    }

    public PluginRow insert(Connection c, NewPlugin p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into plugins (name, description, command, hook_type, "
                + "hook_types, config, is_active, manifest, source) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?) "
                + "returning " + COLUMNS)) {
            bind(ps, p);
            return readAll(ps).getFirst();
        }
    }

    public PluginRow update(Connection c, long id, NewPlugin p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update plugins set name = ?, description = ?, command = ?, "
                + "hook_type = ?, hook_types = ?::jsonb, config = ?::jsonb, is_active = ?, manifest = ?::jsonb, "
                + "source = ?, updated_at = now() where id = ? returning " + COLUMNS)) {
            bind(ps, p);
            ps.setLong(10, id);
            return readAll(ps).getFirst();
        }
    }

    /** Replaces the stored manifest of every plugin registered with {@code command}; returns how many. */
    public int updateManifest(Connection c, String command, String manifestJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update plugins set manifest = ?::jsonb, updated_at = now() "
                + "where command = ? and manifest is distinct from ?::jsonb")) {
            ps.setString(1, manifestJson);
            ps.setString(2, command);
            ps.setString(3, manifestJson);
            return ps.executeUpdate();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from plugins where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement ps, NewPlugin p) throws SQLException {
        ps.setString(1, p.name());
        ps.setString(2, p.description());
        ps.setString(3, p.command());
        ps.setString(4, p.hookType());
        ps.setString(5, Json.write(p.hookTypes()));
        ps.setString(6, Json.write(p.config()));
        ps.setBoolean(7, p.isActive());
        ps.setString(8, p.manifestJson());
        ps.setString(9, p.source());
    }

    private static Optional<PluginRow> one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return readAll(ps).stream().findFirst();
        }
    }

    private static List<PluginRow> readAll(PreparedStatement ps) throws SQLException {
        List<PluginRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new PluginRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Json.stringList(rs.getString(6)), Json.stringMap(rs.getString(7)),
                        rs.getBoolean(8), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant()));
            }
        }
        return rows;
    }
}
