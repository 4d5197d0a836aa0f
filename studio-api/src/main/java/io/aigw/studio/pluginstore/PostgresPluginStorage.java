package io.aigw.studio.pluginstore;

import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.PluginStore;
import io.aigw.studio.db.Database;

/** Plugin storage in the control plane's PostgreSQL: what the control plane's plugin host hands out. */
public final class PostgresPluginStorage implements PluginStorage {

    private final Database db;
    private final StoreQuota quota;
    private final PluginStoreRepository repository = new PluginStoreRepository();

    public PostgresPluginStorage(Database db) {
        this(db, StoreQuota.DEFAULT);
    }

    public PostgresPluginStorage(Database db, StoreQuota quota) {
        this.db = db;
        this.quota = quota;
    }

    @Override
    public PluginStore forPlugin(long pluginId) {
        return new PostgresPluginStore(db, repository, quota, pluginId);
    }
}
