package io.aigw.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {

    @Test
    void aPlausibleTokenIsNonEmptyAndAtMostTheLimit() {
        assertTrue(Tokens.isPlausible("a"));
        assertTrue(Tokens.isPlausible("x".repeat(Tokens.MAX_LENGTH)));
        assertFalse(Tokens.isPlausible("x".repeat(Tokens.MAX_LENGTH + 1)));
        assertFalse(Tokens.isPlausible(""));
        assertFalse(Tokens.isPlausible(null));
    }

    @Test
    void everyIssuedTokenIsPlausible() {
        String token = Tokens.generate("aigw_admin_");
        assertTrue(Tokens.isPlausible(token), token);
        assertTrue(Tokens.matches(token, Tokens.hash(token)));
    }
}
