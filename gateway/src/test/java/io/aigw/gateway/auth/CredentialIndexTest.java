package io.aigw.gateway.auth;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.plugin.api.App;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static App app(boolean active) {
        return new App(1, "demo", "", "o@example.com", active, 0, 0, Map.of("k", "v"), List.of());
    }

    private static CredentialConfig credential(String token, boolean active, Instant expiresAt) {
        return new CredentialConfig(1, Tokens.hash(token), List.of("read"), active, expiresAt);
    }

    @Test
    void validTokenYieldsAppAndScopes() {
        CredentialIndex index = CredentialIndex.of(List.of(new AppConfig(app(true),
                List.of(credential("t1", true, null)))), CLOCK);
        Principal p = index.authenticate("t1").orElseThrow();
        assertEquals("demo", p.app().name());
        assertEquals(Map.of("k", "v"), p.app().metadata());
        assertEquals(List.of("read"), p.scopes());
        assertTrue(index.authenticate("t2").isEmpty());
    }

    @Test
    void inactiveCredentialsInactiveAppsAndExpiredTokensAreRefused() {
        CredentialIndex index = CredentialIndex.of(List.of(
                new AppConfig(app(true), List.of(credential("revoked", false, null),
                        credential("expired", true, NOW), credential("later", true, NOW.plusSeconds(1)))),
                new AppConfig(app(false), List.of(credential("inactive-app", true, null)))), CLOCK);
        assertTrue(index.authenticate("revoked").isEmpty());
        assertTrue(index.authenticate("expired").isEmpty());
        assertTrue(index.authenticate("inactive-app").isEmpty());
        assertTrue(index.authenticate("later").isPresent());
    }

    @Test
    void tokenHashesMatchInConstantTimeAndRejectGarbage() {
        String hash = Tokens.hash("secret");
        assertTrue(Tokens.matches("secret", hash));
        assertTrue(!Tokens.matches("secreT", hash));
        assertTrue(!Tokens.matches("secret", "not-hex"));
        assertTrue(Tokens.generate("aigw_").startsWith("aigw_"));
    }
}
