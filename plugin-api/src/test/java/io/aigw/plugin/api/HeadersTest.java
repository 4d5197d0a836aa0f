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
    void absentHeaderIsNullOrEmpty() {
        assertNull(Headers.empty().get("X"));
        assertTrue(Headers.empty().all("X").isEmpty());
    }
}
