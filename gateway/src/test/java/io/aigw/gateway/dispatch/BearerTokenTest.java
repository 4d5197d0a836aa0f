package io.aigw.gateway.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenTest {

    @Test
    void headerTokenLeavesTheRestOfTheQueryAlone() {
        BearerToken t = BearerToken.extract("Bearer abc", "x=1&y=%2F");
        assertEquals("abc", t.token());
        assertTrue(t.fromHeader(), "the Authorization header must then not be forwarded");
        assertEquals("x=1&y=%2F", t.queryString());
    }

    @Test
    void theSameTokenInHeaderAndQueryIsRemovedFromTheQuery() {
        BearerToken t = BearerToken.extract("Bearer abc", "token=abc&x=1");
        assertEquals("abc", t.token());
        assertEquals("x=1", t.queryString());
    }

    @Test
    void aRepeatedQueryTokenIsRemovedEverywhere() {
        BearerToken t = BearerToken.extract(null, "token=abc&x=1&token=abc&tok%65n=abc");
        assertEquals("abc", t.token());
        assertEquals("x=1", t.queryString());
    }

    @Test
    void twoDifferentTokensAuthenticateNobody() {
        BearerToken both = BearerToken.extract("Bearer abc", "token=other&x=1");
        assertEquals("", both.token(), "an empty token matches no credential: 401");
        assertEquals("x=1", both.queryString());
        assertEquals("", BearerToken.extract(null, "token=a&token=b").token());
    }

    @Test
    void anEmptyQueryTokenDoesNotCompeteWithTheHeader() {
        BearerToken t = BearerToken.extract("Bearer abc", "token=&x=1");
        assertEquals("abc", t.token());
        assertEquals("x=1", t.queryString());
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
