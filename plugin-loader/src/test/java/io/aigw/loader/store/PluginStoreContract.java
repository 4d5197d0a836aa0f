package io.aigw.loader.store;

import io.aigw.plugin.api.InvalidStoreKeyException;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link PluginStore} does, whatever keeps it (memory, PostgreSQL) and however a plugin
 * reaches it (in-process, over the host-services channel). Subclasses hand out the stores of two
 * different plugins, each starting empty.
 */
public abstract class PluginStoreContract {

    /** The store of plugin A; every call returns a store of the same plugin. */
    protected abstract PluginStore pluginA();

    /** The store of another plugin, B. */
    protected abstract PluginStore pluginB();

    @Test
    void putGetReplaceAndDelete() {
        PluginStore store = pluginA();
        assertEquals(Optional.empty(), store.get("servers/s1"));
        store.putString("servers/s1", "{\"name\":\"one\"}");
        assertEquals(Optional.of("{\"name\":\"one\"}"), store.getString("servers/s1"));
        store.putString("servers/s1", "{\"name\":\"uno\"}");
        assertEquals(Optional.of("{\"name\":\"uno\"}"), pluginA().getString("servers/s1"));
        assertTrue(store.delete("servers/s1"));
        assertFalse(store.delete("servers/s1"), "already gone");
        assertEquals(Optional.empty(), store.get("servers/s1"));
    }

    @Test
    void valuesAreBytesStoredExactly() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        PluginStore store = pluginA();
        store.put("binary", every);
        store.put("empty", new byte[0]);
        store.put("max", new byte[StoreLimits.MAX_VALUE_BYTES]);
        assertArrayEquals(every, store.get("binary").orElseThrow());
        assertEquals(0, store.get("empty").orElseThrow().length);
        assertEquals(StoreLimits.MAX_VALUE_BYTES, store.get("max").orElseThrow().length);
        every[0] = 42; // the caller's array is not the stored one
        assertEquals(0, store.get("binary").orElseThrow()[0]);
    }

    @Test
    void keysListByPrefixInTheByteOrderOfTheirUtf8() {
        PluginStore store = pluginA();
        // "_" and "%" are LIKE wildcards and "\" its escape: here they are plain characters
        for (String key : List.of("a/2", "a/10", "a/1", "b/1", "ab", "a_x", "a%", "a\\y", "z", "é", "😀", "\uFFFD")) {
            store.putString(key, "v:" + key);
        }
        assertEquals(List.of("a/1", "a/10", "a/2"), store.keys("a/", null, 100).items());
        assertEquals(List.of("a_x"), store.keys("a_", null, 100).items());
        assertEquals(List.of("a%"), store.keys("a%", null, 100).items());
        assertEquals(List.of("a\\y"), store.keys("a\\", null, 100).items());
        // UTF-8 order: z (7A) < é (C3 A9) < U+FFFD (EF BF BD) < 😀 (F0 ...); UTF-16 order would put 😀 first
        assertEquals(List.of("z", "é", "\uFFFD", "😀"), store.keys("", "b/1", 100).items());
        assertEquals(List.of("a%", "a/1", "a/10", "a/2", "a\\y", "a_x", "ab"), store.keys("a", null, 100).items());
        assertEquals(List.of(), store.keys("nothing", null, 100).items());
        StorePage<StoreEntry> entries = store.entries("a/", null, 100);
        assertEquals(List.of(new StoreEntry("a/1", bytes("v:a/1")), new StoreEntry("a/10", bytes("v:a/10")),
                new StoreEntry("a/2", bytes("v:a/2"))), entries.items());
        assertNull(entries.next());
    }

    @Test
    void listingsComeInPagesThatEndWhereTheNextStarts() {
        PluginStore store = pluginA();
        for (int i = 0; i < 25; i++) {
            store.putString(String.format("k/%02d", i), "v" + i);
        }
        store.putString("other", "x");
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            StorePage<String> page = store.keys("k/", after, 10);
            seen.addAll(page.items());
            sizes.add(page.items().size());
            after = page.next();
        } while (after != null);
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(25, seen.size());
        assertEquals("k/00", seen.getFirst());
        assertEquals("k/24", seen.getLast());

        StorePage<StoreEntry> first = store.entries("k/", null, 20);
        assertEquals(20, first.items().size());
        assertEquals("k/19", first.next());
        StorePage<StoreEntry> rest = store.entries("k/", first.next(), 20);
        assertEquals(5, rest.items().size());
        assertEquals("v24", new String(rest.items().getLast().value(), StandardCharsets.UTF_8));
        assertNull(rest.next());

        StorePage<String> exactlyAll = store.keys("k/", null, 25);
        assertEquals(25, exactlyAll.items().size());
        assertNull(exactlyAll.next(), "no empty page after a full last one");
        assertEquals(StoreLimits.MAX_PAGE_SIZE, StoreLimits.pageSize(1_000_000), "a huge limit is the maximum");
    }

    @Test
    void aPageOfEntriesEndsBeforeItsValuesPassTheByteLimit() {
        PluginStore store = pluginA();
        for (int i = 0; i < 5; i++) {
            store.put("big/" + i, new byte[StoreLimits.MAX_VALUE_BYTES]);
        }
        StorePage<StoreEntry> first = store.entries("big/", null, 100);
        assertEquals(StoreLimits.MAX_PAGE_BYTES / StoreLimits.MAX_VALUE_BYTES, first.items().size());
        assertEquals("big/3", first.next());
        StorePage<StoreEntry> second = store.entries("big/", first.next(), 100);
        assertEquals(List.of("big/4"), second.items().stream().map(StoreEntry::key).toList());
        assertNull(second.next());
        assertEquals(5, store.keys("big/", null, 100).items().size(), "keys alone are not bounded by values");
    }

    @Test
    void onePluginNeverSeesAnothersKeys() {
        PluginStore a = pluginA();
        PluginStore b = pluginB();
        a.putString("secret", "a's");
        assertEquals(Optional.empty(), b.get("secret"));
        assertEquals(List.of(), b.keys("", null, 100).items());
        assertEquals(List.of(), b.entries("", null, 100).items());
        assertFalse(b.delete("secret"));
        b.putString("secret", "b's");
        assertEquals(Optional.of("a's"), a.getString("secret"));
        assertEquals(Optional.of("b's"), b.getString("secret"));
        assertTrue(b.delete("secret"));
        assertEquals(Optional.of("a's"), a.getString("secret"));
    }

    @Test
    void badKeysAndOversizedValuesAreRefusedClearly() {
        PluginStore store = pluginA();
        var longKey = assertThrows(InvalidStoreKeyException.class, () -> store.putString("k".repeat(257), "v"));
        assertEquals("a store key may be at most 256 bytes in UTF-8; this one is 257 bytes", longKey.getMessage());
        assertThrows(InvalidStoreKeyException.class, () -> store.get(""));
        assertThrows(InvalidStoreKeyException.class, () -> store.delete("line\nbreak"));
        assertThrows(InvalidStoreKeyException.class, () -> store.keys("bad\u0000prefix", null, 10));
        var big = assertThrows(StoreLimitExceededException.class,
                () -> store.put("big", new byte[StoreLimits.MAX_VALUE_BYTES + 1]));
        assertEquals("the value for key 'big' is 1048577 bytes; a store value may be at most 1048576 bytes",
                big.getMessage());
        assertEquals(List.of(), store.keys("", null, 10).items(), "nothing was stored");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
