package io.aigw.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadersTest {

    @Test
    void namesAreCaseInsensitiveAndValuesStayMultiple() {
        Headers h = Headers.of("Set-Cookie", "a=1", "set-cookie", "b=2", "Content-Type", "text/plain");
        assertEquals(List.of("a=1", "b=2"), h.all("SET-COOKIE"));
        assertEquals("a=1", h.get("set-cookie"));
        assertEquals(List.of("Set-Cookie", "Content-Type"), List.copyOf(h.names()));
        assertEquals(2, h.size());
    }

    @Test
    void withoutRemovesEveryValueAndLeavesTheOriginalAlone() {
        Headers h = Headers.of("Authorization", "Bearer x", "Accept", "*/*");
        Headers stripped = h.without("authorization");
        assertFalse(stripped.contains("Authorization"));
        assertTrue(h.contains("Authorization"));
        assertEquals("*/*", stripped.get("Accept"));
    }

    @Test
    void aBuilderUsedAgainAfterBuildLeavesWhatItBuiltAlone() {
        Headers.Builder builder = Headers.builder().add("Accept", "a").add("X-One", "1");
        Headers first = builder.build();
        builder.add("accept", "b").add("X-Two", "2").remove("X-One");
        Headers second = builder.build();
        builder.set("ACCEPT", "c").add("Accept", "d");
        Headers third = builder.build();

        assertEquals(List.of("a"), first.all("Accept"));
        assertEquals(List.of("Accept", "X-One"), List.copyOf(first.names()));
        assertEquals(List.of("a", "b"), second.all("Accept"));
        assertEquals(List.of("Accept", "X-Two"), List.copyOf(second.names()));
        assertEquals(List.of("c", "d"), third.all("accept"));
        assertEquals(List.of("X-Two", "ACCEPT"), List.copyOf(third.names()), "set() takes the name as written then");
    }

    @Test
    void manyNamesAreFoundRemovedAndComparedLikeAFew() {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < 3 * Headers.SCAN_LIMIT; i++) {
            builder.add("X-Name-" + i, "v" + i);
        }
        builder.add("x-name-7", "again").remove("X-NAME-3");
        Headers many = builder.build();
        assertEquals(3 * Headers.SCAN_LIMIT - 1, many.size());
        assertEquals(List.of("v7", "again"), many.all("X-Name-7"));
        assertFalse(many.contains("x-name-3"));
        assertEquals("v40", many.get("x-NAME-40"));
        assertEquals("X-Name-4", List.copyOf(many.names()).get(3), "order kept after a removal");

        Headers.Builder reversed = Headers.builder();
        for (int i = 3 * Headers.SCAN_LIMIT - 1; i >= 0; i--) {
            if (i != 3) {
                reversed.add("x-name-" + i, "v" + i);
            }
        }
        reversed.set("x-name-7", "v7").add("x-name-7", "again");
        assertFalse(many.equals(reversed.build()), "names are kept as first written");
        Headers same = many.toBuilder().build();
        assertEquals(many, same);
        assertEquals(many.hashCode(), same.hashCode());
    }

    @Test
    void equalityIgnoresOrderAndNameCaseOfLookupButNotValues() {
        Headers a = Headers.of("A", "1", "B", "2");
        assertEquals(a, Headers.of("B", "2", "A", "1"));
        assertEquals(a.hashCode(), Headers.of("B", "2", "A", "1").hashCode());
        assertFalse(a.equals(Headers.of("A", "1", "B", "3")));
        assertFalse(a.equals(Headers.of("A", "1")));
    }

    @Test
    void absentHeaderIsNullOrEmpty() {
        assertNull(Headers.empty().get("X"));
        assertTrue(Headers.empty().all("X").isEmpty());
    }
}
