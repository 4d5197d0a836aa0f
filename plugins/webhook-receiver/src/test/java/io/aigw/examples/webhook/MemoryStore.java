package io.aigw.examples.webhook;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;
import io.aigw.plugin.api.StoreUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A plugin store in memory for unit tests (ASCII keys, whose String order is the store's byte
 * order); {@link #down} makes every call fail as a store that cannot be reached does.
 */
final class MemoryStore implements PluginStore {

    final NavigableMap<String, byte[]> entries = new ConcurrentSkipListMap<>();
    volatile boolean down;

    @Override
    public Optional<byte[]> get(String key) {
        check();
        return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
    }

    @Override
    public void put(String key, byte[] value) {
        check();
        entries.put(key, value.clone());
    }

    @Override
    public boolean delete(String key) {
        check();
        return entries.remove(key) != null;
    }

    @Override
    public StorePage<String> keys(String prefix, String startAfter, int limit) {
        StorePage<StoreEntry> page = entries(prefix, startAfter, limit);
        return new StorePage<>(page.items().stream().map(StoreEntry::key).toList(), page.next());
    }

    @Override
    public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        check();
        List<StoreEntry> items = new ArrayList<>();
        Map<String, byte[]> tail = startAfter == null ? entries.tailMap(prefix, true) : entries.tailMap(startAfter, false);
        for (Map.Entry<String, byte[]> e : tail.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (items.size() == limit) {
                return new StorePage<>(items, items.getLast().key()); // more follow
            }
            items.add(new StoreEntry(e.getKey(), e.getValue().clone()));
        }
        return new StorePage<>(items, null);
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("the test took the store down");
        }
    }
}
