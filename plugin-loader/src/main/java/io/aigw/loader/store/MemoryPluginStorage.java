package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * Plugin storage that lives as long as this object, with the rules and ordering of the durable one:
 * the scratch store the conformance checker offers the plugin it checks, and tests of hosts whose
 * plugins need a store without a database (production hosts get theirs from the process's main:
 * PostgreSQL, or none). Values are copied in and out, so a plugin cannot change what is stored by
 * keeping an array.
 */
public final class MemoryPluginStorage implements PluginStorage {

    /** The order every store lists in: by the keys' UTF-8 bytes, as PostgreSQL's "C" collation. */
    static final Comparator<String> KEY_ORDER = Comparator.comparing(
            (String k) -> k.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private final Map<Long, ConcurrentNavigableMap<String, byte[]>> plugins = new ConcurrentHashMap<>();

    @Override
    public PluginStore forPlugin(long pluginId) {
        return new Store(plugins.computeIfAbsent(pluginId, id -> new ConcurrentSkipListMap<>(KEY_ORDER)));
    }

    private record Store(ConcurrentNavigableMap<String, byte[]> entries) implements PluginStore {

        @Override
        public Optional<byte[]> get(String key) {
            StoreLimits.checkKey(key);
            return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
        }

        @Override
        public void put(String key, byte[] value) {
            StoreLimits.checkKey(key);
            entries.put(key, StoreLimits.checkValue(key, value).clone());
        }

        @Override
        public boolean delete(String key) {
            StoreLimits.checkKey(key);
            return entries.remove(key) != null;
        }

        @Override
        public StorePage<String> keys(String prefix, String startAfter, int limit) {
            StorePage<StoreEntry> page = page(prefix, startAfter, limit, false);
            return new StorePage<>(page.items().stream().map(StoreEntry::key).toList(), page.next());
        }

        @Override
        public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
            return page(prefix, startAfter, limit, true);
        }

        private StorePage<StoreEntry> page(String prefix, String startAfter, int limit, boolean withValues) {
            String from = StoreLimits.checkPrefix(prefix);
            if (startAfter != null) {
                StoreLimits.checkKey(startAfter);
            }
            int size = StoreLimits.pageSize(limit);
            var tail = startAfter != null && KEY_ORDER.compare(startAfter, from) >= 0
                    ? entries.tailMap(startAfter, false) : entries.tailMap(from, true);
            List<StoreEntry> items = new ArrayList<>();
            long bytes = 0;
            for (Map.Entry<String, byte[]> e : tail.entrySet()) {
                if (!e.getKey().startsWith(from)) {
                    break; // past the prefix: keys sharing it are contiguous in this order
                }
                int length = withValues ? e.getValue().length : 0;
                if (items.size() == size || (!items.isEmpty() && bytes + length > StoreLimits.MAX_PAGE_BYTES)) {
                    return new StorePage<>(items, items.getLast().key());
                }
                bytes += length;
                items.add(new StoreEntry(e.getKey(), withValues ? e.getValue().clone() : new byte[0]));
            }
            return new StorePage<>(items, null);
        }
    }
}
