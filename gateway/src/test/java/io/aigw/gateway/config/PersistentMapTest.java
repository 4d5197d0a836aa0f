package io.aigw.gateway.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PersistentMapTest {

    /** A key whose hash is chosen by the test, so collisions and deep tries are certain. */
    private record Key(int hash, int id) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void behavesLikeAHashMapUnderRandomChangesAndOldVersionsStayIntact() {
        Random random = new Random(42);
        PersistentMap<Object, Integer> map = PersistentMap.empty();
        Map<Object, Integer> expected = new HashMap<>();
        List<PersistentMap<Object, Integer>> versions = new ArrayList<>();
        List<Map<Object, Integer>> expectedVersions = new ArrayList<>();
        for (int step = 0; step < 40_000; step++) {
            // few distinct hashes for Keys: many full collisions; Longs spread normally
            Object key = random.nextBoolean() ? (Object) (long) random.nextInt(3000)
                    : new Key(random.nextInt(16) * 0x01010101, random.nextInt(50));
            if (random.nextInt(3) == 0) {
                map = map.without(key);
                expected.remove(key);
            } else {
                int value = random.nextInt(5);
                map = map.with(key, value);
                expected.put(key, value);
            }
            if (step % 4000 == 0) {
                versions.add(map);
                expectedVersions.add(new HashMap<>(expected));
            }
        }
        assertSameContent(expected, map);
        for (int i = 0; i < versions.size(); i++) {
            assertSameContent(expectedVersions.get(i), versions.get(i));
        }
        for (Object key : new ArrayList<>(expected.keySet())) {
            map = map.without(key);
        }
        assertEquals(0, map.size());
        assertSame(PersistentMap.empty(), map);
    }

    @Test
    void unchangedMapsAreReturnedAsTheyAre() {
        PersistentMap<Long, String> map = PersistentMap.<Long, String>empty().with(1L, "a");
        String a = map.get(1L);
        assertSame(map, map.with(1L, a));
        assertSame(map, map.without(2L));
        assertNull(map.get(2L));
    }

    @Test
    void keysDifferingOnlyInTheTopBitsAndFullCollisionsRoundTrip() {
        PersistentMap<Key, Integer> map = PersistentMap.empty();
        // spread hashes (h ^ h >>> 16) equal below bit 30 reach the last trie level; equal hashes
        // share a collision node
        Key[] keys = {new Key(0x40004000, 0), new Key(0x80008000, 0), new Key(0xC000C000, 0),
                new Key(0x00000000, 0), new Key(0x00000000, 1), new Key(0x00000000, 2)};
        for (int i = 0; i < keys.length; i++) {
            map = map.with(keys[i], i);
        }
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, map.get(keys[i]));
        }
        map = map.without(keys[4]).without(keys[3]);
        assertEquals(4, map.size());
        assertEquals(5, map.get(keys[5]));
        assertNull(map.get(keys[3]));
        map = map.with(new Key(0x00000001, 0), 9);
        assertEquals(9, map.get(new Key(0x00000001, 0)));
        assertEquals(5, map.get(keys[5]));
    }

    private static void assertSameContent(Map<Object, Integer> expected, PersistentMap<Object, Integer> map) {
        assertEquals(expected.size(), map.size());
        expected.forEach((k, v) -> assertEquals(v, map.get(k), "value of " + k));
        Map<Object, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(expected, seen);
    }
}
