package io.aigw.studio.pluginstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * All SQL of plugin storage ({@code plugin_store}, {@code plugin_store_usage}); callers own the
 * connection and the transaction. Every statement names the plugin: no query reaches across.
 */
final class PluginStoreRepository {

    /** One row of an entries page; {@code value} is null for rows past the page's byte budget. */
    record Row(String key, byte[] value, boolean fits) {
    }

    /** What one plugin holds. */
    record Usage(long keys, long bytes) {
    }

    Optional<byte[]> get(Connection c, long pluginId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select value from plugin_store where plugin_id = ? and key = ?")) {
            ps.setLong(1, pluginId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * The plugin's usage, its row locked until the transaction ends: one plugin's writes take turns,
     * so the quota holds under concurrent puts. Creates the row on the plugin's first write.
     */
    Usage lockUsage(Connection c, long pluginId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into plugin_store_usage (plugin_id) values (?) on conflict (plugin_id) do nothing")) {
            ps.setLong(1, pluginId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select key_count, total_bytes from plugin_store_usage where plugin_id = ? for update")) {
            ps.setLong(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** The bytes {@code key} takes now (key plus value), or empty when it is not stored. */
    OptionalLong size(Connection c, long pluginId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select octet_length(key) + octet_length(value) "
                + "from plugin_store where plugin_id = ? and key = ?")) {
            ps.setLong(1, pluginId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    void upsert(Connection c, long pluginId, String key, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into plugin_store (plugin_id, key, value) "
                + "values (?, ?, ?) on conflict (plugin_id, key) do update set value = excluded.value, "
                + "updated_at = now()")) {
            ps.setLong(1, pluginId);
            ps.setString(2, key);
            ps.setBytes(3, value);
            ps.executeUpdate();
        }
    }

    /** Deletes {@code key}; the bytes it took, or empty when it was not stored. */
    OptionalLong delete(Connection c, long pluginId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from plugin_store where plugin_id = ? and key = ? "
                + "returning octet_length(key) + octet_length(value)")) {
            ps.setLong(1, pluginId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    void addUsage(Connection c, long pluginId, long keys, long bytes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update plugin_store_usage set key_count = key_count + ?, "
                + "total_bytes = total_bytes + ? where plugin_id = ?")) {
            ps.setLong(1, keys);
            ps.setLong(2, bytes);
            ps.setLong(3, pluginId);
            ps.executeUpdate();
        }
    }

    /** Up to {@code rows} keys starting with {@code prefix} after {@code startAfter} ("" for all), in order. */
    List<String> keys(Connection c, long pluginId, String prefix, String startAfter, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select key from plugin_store "
                + "where plugin_id = ? and key like ? escape '\\' and key > ? order by key limit ?")) {
            bindRange(ps, pluginId, prefix, startAfter);
            ps.setInt(4, rows);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    /**
     * Like {@link #keys}, with values as long as the values so far stay within {@code maxBytes}
     * (the first row always fits); the rest come without theirs, marking where the page must end.
     */
    List<Row> entries(Connection c, long pluginId, String prefix, String startAfter, int rows, long maxBytes)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select key, case when fits then value end, fits from ("
                + "select key, value, row_number() over w = 1 or sum(octet_length(value)) over w <= ? as fits "
                + "from plugin_store where plugin_id = ? and key like ? escape '\\' and key > ? "
                + "window w as (order by key) order by key limit ?) page order by key")) {
            ps.setLong(1, maxBytes);
            ps.setLong(2, pluginId);
            ps.setString(3, likePrefix(prefix));
            ps.setString(4, startAfter);
            ps.setInt(5, rows);
            List<Row> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(new Row(rs.getString(1), rs.getBytes(2), rs.getBoolean(3)));
                }
            }
            return page;
        }
    }

    private static void bindRange(PreparedStatement ps, long pluginId, String prefix, String startAfter)
            throws SQLException {
        ps.setLong(1, pluginId);
        ps.setString(2, likePrefix(prefix));
        ps.setString(3, startAfter);
    }

    /** {@code prefix} as a LIKE pattern matching exactly the keys that start with it. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
