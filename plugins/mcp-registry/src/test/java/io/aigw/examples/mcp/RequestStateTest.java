package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed {@code requestState} of 2026-07-28's multi round-trip requests. */
class RequestStateTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final SessionSeal seal = new SessionSeal(new byte[32]);

    @Test
    void aStateOpensAsSealedAndNotOnceAltered() {
        RequestState state = new RequestState("k1", 7, "tools/call", "d", 4_000_000_000L);
        String sealed = state.seal(seal, JSON);
        assertEquals(Optional.of(state), RequestState.open(sealed, seal, JSON));
        for (int i = 0; i < sealed.length(); i += 7) {
            char c = sealed.charAt(i);
            String altered = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
            assertTrue(RequestState.open(altered, seal, JSON).isEmpty(), "changed at " + i);
        }
        assertTrue(RequestState.open(sealed, new SessionSeal(new byte[] {
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), JSON)
                .isEmpty(), "another key");
    }

    @Test
    void aSessionIdIsNoStateAndAStateNoSessionId() {
        String session = new Session(7, "2025-11-25", 1, List.of()).seal(seal, JSON);
        assertTrue(RequestState.open(session, seal, JSON).isEmpty());
        String state = new RequestState("k", 7, "tools/call", "d", 4_000_000_000L).seal(seal, JSON);
        assertTrue(seal.open(state).isEmpty());
    }

    @Test
    void theDigestIsOfTheRequestNotOfItsRound() throws Exception {
        String digest = RequestState.digest(JSON.readTree("{\"name\":\"a__x\",\"arguments\":{\"b\":1,\"a\":[2]}}"));
        assertEquals(digest, RequestState.digest(JSON.readTree("{\"arguments\":{\"a\":[2],\"b\":1},\"name\":\"a__x\","
                + "\"inputResponses\":{\"q\":{}},\"requestState\":\"s\",\"_meta\":{\"progressToken\":3}}")));
        assertNotEquals(digest, RequestState.digest(JSON.readTree("{\"name\":\"a__x\",\"arguments\":{\"b\":2,"
                + "\"a\":[2]}}")));
    }

    @Test
    void anExpiredStateSaysSo() {
        assertTrue(new RequestState("k", 1, "tools/call", "d", 1).expired());
    }
}
