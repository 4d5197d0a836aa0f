package io.aigw.examples.mcp;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A plugin store in memory, in key order, for tests of the plugin on its own. */
final class MemoryStore implements PluginStore {

    final TreeMap<String, byte[]> values = new TreeMap<>();

    @Override
    public synchronized Optional<byte[]> get(String key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        values.put(key, value.clone());
    }

    @Override
    public synchronized boolean delete(String key) {
        return values.remove(key) != null;
    }

    @Override
    public synchronized StorePage<String> keys(String prefix, String startAfter, int limit) {
        StorePage<StoreEntry> page = entries(prefix, startAfter, limit);
        return new StorePage<>(page.items().stream().map(StoreEntry::key).toList(), page.next());
    }

    @Override
    public synchronized StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        List<StoreEntry> items = new ArrayList<>();
        Map<String, byte[]> tail = startAfter == null ? values.tailMap(prefix, true) : values.tailMap(startAfter, false);
        for (Map.Entry<String, byte[]> e : tail.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (items.size() == limit) {
                return new StorePage<>(items, items.getLast().key());
            }
            items.add(new StoreEntry(e.getKey(), e.getValue().clone()));
        }
        return new StorePage<>(items, null);
    }
}
