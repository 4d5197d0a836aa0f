package io.aigw.studio.pluginstore;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;
import io.aigw.studio.db.SqlWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One plugin's store: every statement is bound to its plugin id. Writes take the plugin's usage
 * row first (see {@link PluginStoreRepository#lockUsage}), so the quota is exact; reads take no
 * locks. Database failures reach the plugin as {@link StoreUnavailableException} without their
 * detail (which stays in this log).
 */
final class PostgresPluginStore implements PluginStore {

    private static final Logger LOG = Logger.getLogger(PostgresPluginStore.class.getName());
    /** PostgreSQL's foreign_key_violation: the plugin's registration is gone. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Database db;
    private final PluginStoreRepository sql;
    private final StoreQuota quota;
    private final long pluginId;

    PostgresPluginStore(Database db, PluginStoreRepository sql, StoreQuota quota, long pluginId) {
        this.db = db;
        this.sql = sql;
        this.quota = quota;
        this.pluginId = pluginId;
    }

    @Override
    public Optional<byte[]> get(String key) {
        StoreLimits.checkKey(key);
        return read(h -> sql.get(h, pluginId, key));
    }

    @Override
    public void put(String key, byte[] value) {
        StoreLimits.checkKey(key);
        StoreLimits.checkValue(key, value);
        long size = StoreLimits.utf8Length(key) + (long) value.length;
        write(h -> {
            PluginStoreRepository.Usage usage = sql.lockUsage(h, pluginId);
            OptionalLong old = sql.size(h, pluginId, key);
            long keys = old.isPresent() ? 0 : 1;
            long bytes = size - old.orElse(0);
            if (usage.keys() + keys > quota.maxKeys()) {
                throw new StoreLimitExceededException("this plugin's store is full: it holds " + usage.keys()
                        + " keys, the most a plugin may keep");
            }
            if (usage.bytes() + bytes > quota.maxBytes()) {
                throw new StoreLimitExceededException("this plugin's store is full: " + usage.bytes()
                        + " bytes stored, and this value would take it past the quota of " + quota.maxBytes()
                        + " bytes (keys plus values)");
            }
            sql.upsert(h, pluginId, key, value);
            sql.addUsage(h, pluginId, keys, bytes);
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        StoreLimits.checkKey(key);
        return write(h -> {
            sql.lockUsage(h, pluginId);
            OptionalLong freed = sql.delete(h, pluginId, key);
            if (freed.isPresent()) {
                sql.addUsage(h, pluginId, -1, -freed.getAsLong());
            }
            return freed.isPresent();
        });
    }

    @Override
    public StorePage<String> keys(String prefix, String startAfter, int limit) {
        String from = StoreLimits.checkPrefix(prefix);
        String after = startAfter == null ? "" : StoreLimits.checkKey(startAfter);
        int size = StoreLimits.pageSize(limit);
        List<String> rows = read(h -> sql.keys(h, pluginId, from, after, size + 1));
        return rows.size() > size ? new StorePage<>(rows.subList(0, size), rows.get(size - 1))
                : new StorePage<>(rows, null);
    }

    @Override
    public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        String from = StoreLimits.checkPrefix(prefix);
        String after = startAfter == null ? "" : StoreLimits.checkKey(startAfter);
        int size = StoreLimits.pageSize(limit);
        List<PluginStoreRepository.Row> rows = read(h -> sql.entries(h, pluginId, from, after, size + 1,
                StoreLimits.MAX_PAGE_BYTES));
        List<StoreEntry> items = new ArrayList<>();
        for (PluginStoreRepository.Row row : rows) {
            if (!row.fits() || items.size() == size) {
                return new StorePage<>(items, items.getLast().key());
            }
            items.add(new StoreEntry(row.key(), row.value()));
        }
        return new StorePage<>(items, null);
    }

    private <T> T read(SqlWork<T> work) {
        try {
            return db.read(work);
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    private <T> T write(SqlWork<T> work) {
        try {
            return db.transaction(work);
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    private StoreUnavailableException unavailable(DatabaseException e) {
        if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
            return new StoreUnavailableException("plugin " + pluginId + " is no longer registered, so it has no "
                    + "store");
        }
        LOG.log(Level.WARNING, "plugin store of plugin " + pluginId + " failed", e);
        return new StoreUnavailableException("plugin storage is unavailable: the control plane's database failed "
                + "(its log has the cause)");
    }
}
