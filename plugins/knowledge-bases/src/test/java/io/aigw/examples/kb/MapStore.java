package io.aigw.examples.kb;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A plugin store in memory (ASCII keys only, whose String order is their byte order), for unit tests. */
final class MapStore implements PluginStore {

    final Map<String, byte[]> entries = new ConcurrentSkipListMap<>();

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value.clone());
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(key) != null;
    }

    @Override
    public StorePage<String> keys(String prefix, String startAfter, int limit) {
        StorePage<StoreEntry> page = entries(prefix, startAfter, limit);
        return new StorePage<>(page.items().stream().map(StoreEntry::key).toList(), page.next());
    }

    @Override
    public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        List<StoreEntry> items = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().startsWith(prefix) || (startAfter != null && e.getKey().compareTo(startAfter) <= 0)) {
                continue;
            }
            if (items.size() == limit) {
                return new StorePage<>(items, items.getLast().key());
            }
            items.add(new StoreEntry(e.getKey(), e.getValue()));
        }
        return new StorePage<>(items, null);
    }
}
