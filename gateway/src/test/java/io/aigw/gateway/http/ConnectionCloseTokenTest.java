package io.aigw.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link KeepAliveFilter} reads a {@code close} token in {@code Connection} as HTTP does (RFC 9110 §7.6.1). */
class ConnectionCloseTokenTest {

    private static boolean saysClose(String... values) {
        WritableHeaders<?> headers = WritableHeaders.create();
        for (String value : values) {
            headers.add(HeaderNames.CONNECTION, value);
        }
        return KeepAliveFilter.saysClose(headers);
    }

    @Test
    void closeIsFoundAmongTheTokensOfAnyConnectionHeaderCaseInsensitively() {
        assertTrue(saysClose("close"));
        assertTrue(saysClose("Close"));
        assertTrue(saysClose("keep-alive, close"));
        assertTrue(saysClose(" CLOSE\t,upgrade"));
        assertTrue(saysClose("keep-alive", "close"));
    }

    @Test
    void otherTokensAndNoHeaderAreNotClose() {
        assertFalse(saysClose());
        assertFalse(saysClose("keep-alive"));
        assertFalse(saysClose("closed"));
        assertFalse(saysClose("clos"));
        assertFalse(saysClose("upgrade, x-close"));
        assertFalse(saysClose(""));
    }
}
