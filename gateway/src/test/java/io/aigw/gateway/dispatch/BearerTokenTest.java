package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.Headers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class BearerTokenTest {

    @Test
    void headerTokenIsTakenAndTheHeaderRemoved() {
        Headers headers = Headers.of("Authorization", "Bearer abc", "Accept", "*/*");
        BearerToken t = BearerToken.extract(headers, "token=other&x=1");
        assertEquals("abc", t.token());
        assertFalse(t.headers().contains("Authorization"));
        assertEquals("token=other&x=1", t.queryString(), "only the consumed token is removed");
    }

    @Test
    void queryTokenIsTakenAndRemovedFromTheQueryString() {
        BearerToken t = BearerToken.extract(Headers.empty(), "a=1&token=abc%2Bdef&b=2");
        assertEquals("abc+def", t.token());
        assertEquals("a=1&b=2", t.queryString());
    }

    @Test
    void basicAuthIsNotABearerToken() {
        Headers headers = Headers.of("Authorization", "Basic dXNlcjpwYXNz");
        BearerToken t = BearerToken.extract(headers, "");
        assertNull(t.token());
        assertSame(headers, t.headers());
    }
}
