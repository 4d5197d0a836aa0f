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
    void absentHeaderIsNullOrEmpty() {
        assertNull(Headers.empty().get("X"));
        assertTrue(Headers.empty().all("X").isEmpty());
    }
}
