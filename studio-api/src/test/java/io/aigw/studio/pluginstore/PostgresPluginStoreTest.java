package io.aigw.studio.pluginstore;

import io.aigw.loader.store.PluginStoreContract;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.studio.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control plane's store in a real PostgreSQL: the contract every store keeps, plus what only a
 * shared database has to get right (quotas under concurrent writers, keys going with the plugin).
 */
class PostgresPluginStoreTest extends PluginStoreContract {

    @TempDir
    static Path dir;
    static Database db;

    private final PostgresPluginStorage storage = new PostgresPluginStorage(db);
    private long a;
    private long b;

    @BeforeAll
    static void open() {
        db = Database.open(null, dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void twoFreshPlugins() {
        a = registerPlugin("a");
        b = registerPlugin("b");
    }

    @Override
    protected PluginStore pluginA() {
        return storage.forPlugin(a);
    }

    @Override
    protected PluginStore pluginB() {
        return storage.forPlugin(b);
    }

    @Test
    void theQuotaCountsKeysAndBytesAndFreesOnDelete() {
        PluginStore store = new PostgresPluginStorage(db, new StoreQuota(3, 100)).forPlugin(a);
        store.putString("k1", "v");
        store.putString("k2", "v");
        store.putString("k3", "v");
        var full = assertThrows(StoreLimitExceededException.class, () -> store.putString("k4", "v"));
        assertEquals("this plugin's store is full: it holds 3 keys, the most a plugin may keep", full.getMessage());
        store.putString("k3", "replacing a key adds none");
        assertTrue(store.delete("k1"));
        store.putString("k4", "v");
        assertEquals(new PluginStoreRepository.Usage(3, 2 + 1 + 2 + 25 + 2 + 1), usage(a));

        var bytes = assertThrows(StoreLimitExceededException.class, () -> store.putString("k2", "x".repeat(80)));
        assertTrue(bytes.getMessage().contains("would take it past the quota of 100 bytes"), bytes.getMessage());
        assertEquals(Optional.of("v"), store.getString("k2"), "the refused write changed nothing");
        assertEquals(3, usage(a).keys());
        assertEquals(new PluginStoreRepository.Usage(0, 0), usage(b), "another plugin's usage is its own");
    }

    @Test
    void concurrentWritersCannotOvershootTheQuota() throws Exception {
        PostgresPluginStorage quota = new PostgresPluginStorage(db, new StoreQuota(5, 1 << 20));
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = "key-" + i;
            writers.add(() -> {
                try {
                    quota.forPlugin(a).putString(key, "v");
                    return true;
                } catch (StoreLimitExceededException e) {
                    return false;
                }
            });
        }
        int stored = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> f : pool.invokeAll(writers)) {
                stored += f.get() ? 1 : 0;
            }
        }
        assertEquals(5, stored);
        assertEquals(5, pluginA().keys("", null, 100).items().size());
        assertEquals(5, usage(a).keys());
    }

    @Test
    void aDeletedPluginsKeysGoWithItAndItsStoreSaysSo() {
        pluginA().putString("k", "v");
        db.transaction(h -> h.createUpdate("delete from plugins where id = :id").bind("id", a).execute());
        assertEquals(0L, (long) db.read(h -> h.createQuery("select count(*) from plugin_store where plugin_id = :id")
                .bind("id", a).mapTo(Long.class).one()));
        assertEquals(Optional.empty(), pluginA().get("k"));
        var gone = assertThrows(StoreUnavailableException.class, () -> pluginA().putString("k", "v"));
        assertEquals("plugin " + a + " is no longer registered, so it has no store", gone.getMessage());
    }

    private static PluginStoreRepository.Usage usage(long pluginId) {
        return db.read(h -> h.createQuery(
                        "select key_count, total_bytes from plugin_store_usage where plugin_id = :id")
                .bind("id", pluginId)
                .map((rs, ctx) -> new PluginStoreRepository.Usage(rs.getLong("key_count"), rs.getLong("total_bytes")))
                .findOne()
                .orElse(new PluginStoreRepository.Usage(0, 0)));
    }

    private static long registerPlugin(String name) {
        return db.transaction(h -> h.createQuery(
                        "insert into plugins (name, command) values (:name, 'grpc://127.0.0.1:1') returning id")
                .bind("name", name)
                .mapTo(Long.class)
                .one());
    }
}
