package io.aigw.plugin.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLimitsTest {

    @Test
    void keysUpTo256Utf8BytesOfPrintableTextAreValid() {
        assertEquals("servers/s1", StoreLimits.checkKey("servers/s1"));
        assertEquals("a".repeat(256), StoreLimits.checkKey("a".repeat(256)));
        // 128 two-byte characters: 256 bytes
        assertEquals("é".repeat(128), StoreLimits.checkKey("é".repeat(128)));
        assertEquals("emoji 😀 and spaces", StoreLimits.checkKey("emoji 😀 and spaces"));
    }

    @Test
    void badKeysAreRefusedWithTheRuleTheyBreak() {
        assertTrue(assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkKey(""))
                .getMessage().contains("must not be empty"));
        assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkKey(null));
        var tooLong = assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkKey("é".repeat(129)));
        assertEquals("a store key may be at most 256 bytes in UTF-8; this one is 258 bytes", tooLong.getMessage());
        for (String bad : new String[] {"a\nb", "nul\0", "del\u007f", "c1\u0085", "tab\t"}) {
            var e = assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkKey(bad), bad);
            assertTrue(e.getMessage().contains("must not contain control characters"), e.getMessage());
        }
        var surrogate = assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkKey("x\ud800"));
        assertTrue(surrogate.getMessage().contains("unpaired surrogate U+D800 at index 1"), surrogate.getMessage());
    }

    @Test
    void prefixesFollowTheKeyRulesButMayBeEmpty() {
        assertEquals("", StoreLimits.checkPrefix(null));
        assertEquals("", StoreLimits.checkPrefix(""));
        assertEquals("servers/", StoreLimits.checkPrefix("servers/"));
        assertThrows(InvalidStoreKeyException.class, () -> StoreLimits.checkPrefix("a\rb"));
    }

    @Test
    void valuesUpTo1MiB() {
        assertEquals(StoreLimits.MAX_VALUE_BYTES, StoreLimits.checkValue("k", new byte[1 << 20]).length);
        assertEquals(0, StoreLimits.checkValue("k", new byte[0]).length);
        var e = assertThrows(StoreLimitExceededException.class,
                () -> StoreLimits.checkValue("k", new byte[(1 << 20) + 1]));
        assertEquals("the value for key 'k' is 1048577 bytes; a store value may be at most 1048576 bytes",
                e.getMessage());
    }

    @Test
    void pageSizesAreAtLeastOneAndAtMostTheMaximum() {
        assertEquals(1, StoreLimits.pageSize(1));
        assertEquals(1000, StoreLimits.pageSize(5000));
        assertThrows(IllegalArgumentException.class, () -> StoreLimits.pageSize(0));
    }

    @Test
    void utf8LengthMatchesTheEncoding() {
        for (String s : new String[] {"", "abc", "é", "€", "😀", "mixed é€😀"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, StoreLimits.utf8Length(s), s);
        }
    }

    @Test
    void aContextWithoutStorageHandsOutAStoreThatSaysSo() {
        PluginContext context = new PluginContext() {
            @Override
            public String pluginName() {
                return "p";
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("p");
            }
        };
        PluginStore store = context.store();
        var e = assertThrows(StoreUnavailableException.class, () -> store.get("k"));
        assertEquals("this host offers no plugin storage", e.getMessage());
        assertThrows(StoreUnavailableException.class, () -> store.putString("k", "v"));
        assertThrows(StoreUnavailableException.class, () -> store.delete("k"));
        assertThrows(StoreUnavailableException.class, () -> store.keys("", null, 10));
        assertThrows(StoreUnavailableException.class, () -> store.entries("", null, 10));
    }

    @Test
    void stringHelpersStoreUtf8() {
        Map<String, byte[]> map = new java.util.HashMap<>();
        PluginStore store = new PluginStore() {
            @Override
            public Optional<byte[]> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void put(String key, byte[] value) {
                map.put(key, value);
            }

            @Override
            public boolean delete(String key) {
                return map.remove(key) != null;
            }

            @Override
            public StorePage<String> keys(String prefix, String startAfter, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
                throw new UnsupportedOperationException();
            }
        };
        store.putString("k", "grüße");
        assertEquals(7, map.get("k").length);
        assertEquals(Optional.of("grüße"), store.getString("k"));
        assertEquals(Optional.empty(), store.getString("missing"));
    }
}
