package io.aigw.studio.pluginstore;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * All SQL of plugin storage ({@code plugin_store}, {@code plugin_store_usage}); callers own the
 * handle and the transaction. Every statement names the plugin: no query reaches across.
 */
final class PluginStoreRepository {

    /** One row of an entries page; {@code value} is null for rows past the page's byte budget. */
    record Row(String key, byte[] value, boolean fits) {
    }

    /** What one plugin holds. */
    record Usage(long keys, long bytes) {
    }

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("key"), rs.getBytes("value"),
            rs.getBoolean("fits"));
    private static final RowMapper<Usage> USAGE = (rs, ctx) -> new Usage(rs.getLong("key_count"),
            rs.getLong("total_bytes"));

    Optional<byte[]> get(Handle h, long pluginId, String key) {
        return h.createQuery("select value from plugin_store where plugin_id = :pluginId and key = :key")
                .bind("pluginId", pluginId)
                .bind("key", key)
                .map((rs, ctx) -> rs.getBytes("value"))
                .findOne();
    }

    /**
     * The plugin's usage, its row locked until the transaction ends: one plugin's writes take turns,
     * so the quota holds under concurrent puts. Creates the row on the plugin's first write.
     */
    Usage lockUsage(Handle h, long pluginId) {
        h.createUpdate("insert into plugin_store_usage (plugin_id) values (:pluginId) "
                        + "on conflict (plugin_id) do nothing")
                .bind("pluginId", pluginId)
                .execute();
        return h.createQuery("select key_count, total_bytes from plugin_store_usage where plugin_id = :pluginId "
                        + "for update")
                .bind("pluginId", pluginId)
                .map(USAGE)
                .one();
    }

    /** The bytes {@code key} takes now (key plus value), or empty when it is not stored. */
    OptionalLong size(Handle h, long pluginId, String key) {
        return h.createQuery("select octet_length(key) + octet_length(value) as size "
                        + "from plugin_store where plugin_id = :pluginId and key = :key")
                .bind("pluginId", pluginId)
                .bind("key", key)
                .map((rs, ctx) -> rs.getLong("size"))
                .findOne()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    void upsert(Handle h, long pluginId, String key, byte[] value) {
        h.createUpdate("insert into plugin_store (plugin_id, key, value) values (:pluginId, :key, :value) "
                        + "on conflict (plugin_id, key) do update set value = excluded.value, updated_at = now()")
                .bind("pluginId", pluginId)
                .bind("key", key)
                .bind("value", value)
                .execute();
    }

    /** Deletes {@code key}; the bytes it took, or empty when it was not stored. */
    OptionalLong delete(Handle h, long pluginId, String key) {
        return h.createQuery("delete from plugin_store where plugin_id = :pluginId and key = :key "
                        + "returning octet_length(key) + octet_length(value) as size")
                .bind("pluginId", pluginId)
                .bind("key", key)
                .map((rs, ctx) -> rs.getLong("size"))
                .findOne()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    void addUsage(Handle h, long pluginId, long keys, long bytes) {
        h.createUpdate("update plugin_store_usage set key_count = key_count + :keys, "
                        + "total_bytes = total_bytes + :bytes where plugin_id = :pluginId")
                .bind("keys", keys)
                .bind("bytes", bytes)
                .bind("pluginId", pluginId)
                .execute();
    }

    /** Up to {@code rows} keys starting with {@code prefix} after {@code startAfter} ("" for all), in order. */
    List<String> keys(Handle h, long pluginId, String prefix, String startAfter, int rows) {
        return h.createQuery("select key from plugin_store where plugin_id = :pluginId "
                        + "and key like :pattern escape '!' and key > :startAfter order by key limit :rows")
                .bind("pluginId", pluginId)
                .bind("pattern", likePrefix(prefix))
                .bind("startAfter", startAfter)
                .bind("rows", rows)
                .map((rs, ctx) -> rs.getString("key"))
                .list();
    }

    /**
     * Like {@link #keys}, with values as long as the values so far stay within {@code maxBytes}
     * (the first row always fits); the rest come without theirs, marking where the page must end.
     */
    List<Row> entries(Handle h, long pluginId, String prefix, String startAfter, int rows, long maxBytes) {
        return h.createQuery("select key, case when fits then value end as value, fits from ("
                        + "select key, value, row_number() over w = 1 or sum(octet_length(value)) over w <= :maxBytes "
                        + "as fits from plugin_store where plugin_id = :pluginId and key like :pattern escape '!' "
                        + "and key > :startAfter window w as (order by key) order by key limit :rows) page "
                        + "order by key")
                .bind("maxBytes", maxBytes)
                .bind("pluginId", pluginId)
                .bind("pattern", likePrefix(prefix))
                .bind("startAfter", startAfter)
                .bind("rows", rows)
                .map(ROW)
                .list();
    }

    /**
     * {@code prefix} as a LIKE pattern matching exactly the keys that start with it. The escape
     * character is {@code !}, not a backslash, so the SQL literal holds nothing JDBI's statement
     * parser could take for an escape of its closing quote.
     */
    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
