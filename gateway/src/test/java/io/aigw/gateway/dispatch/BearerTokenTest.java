package io.aigw.gateway.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenTest {

    @Test
    void headerTokenWinsAndLeavesTheQueryAlone() {
        BearerToken t = BearerToken.extract("Bearer abc", "token=other&x=1");
        assertEquals("abc", t.token());
        assertTrue(t.fromHeader(), "the Authorization header must then not be forwarded");
        assertEquals("token=other&x=1", t.queryString(), "only the consumed token is removed");
    }

    @Test
    void queryTokenIsTakenAndRemovedFromTheQueryString() {
        BearerToken t = BearerToken.extract(null, "a=1&token=abc%2Bdef&b=2");
        assertEquals("abc+def", t.token());
        assertFalse(t.fromHeader());
        assertEquals("a=1&b=2", t.queryString());
    }

    @Test
    void basicAuthIsNotABearerToken() {
        BearerToken t = BearerToken.extract("Basic dXNlcjpwYXNz", "");
        assertNull(t.token());
        assertFalse(t.fromHeader());
    }
}
