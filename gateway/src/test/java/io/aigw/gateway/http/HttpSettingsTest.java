package io.aigw.gateway.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpSettingsTest {

    @Test
    void defaultsAreSane() {
        HttpSettings s = HttpSettings.defaults();
        assertEquals(Duration.ofSeconds(60), s.idleTimeout());
        assertEquals(Duration.ofSeconds(10), s.headerTimeout());
        assertEquals(Duration.ofSeconds(60), s.bodyTimeout());
        assertTrue(s.maxConnections() >= 16 && s.maxConnections() <= 10_000, "" + s.maxConnections());
        assertTrue(s.maxConnectionsPerAddress() <= s.maxConnections());
    }

    @Test
    void readsTheEnvironment() {
        HttpSettings s = HttpSettings.fromEnv(Map.of("HTTP_IDLE_TIMEOUT", "5m", "HTTP_HEADER_TIMEOUT", "500ms",
                "HTTP_BODY_TIMEOUT", "2s", "HTTP_MAX_CONNECTIONS", "100", "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "7"));
        assertEquals(new HttpSettings(Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(2), 100, 7), s);
    }

    @Test
    void refusesNonsenseWithTheVariableName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpSettings.fromEnv(Map.of("HTTP_HEADER_TIMEOUT", "soon")));
        assertTrue(e.getMessage().contains("HTTP_HEADER_TIMEOUT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.fromEnv(Map.of("HTTP_BODY_TIMEOUT", "0s")));
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.fromEnv(Map.of("HTTP_MAX_CONNECTIONS", "0")));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HttpSettings.fromEnv(Map.of("HTTP_MAX_CONNECTIONS", "many")))
                .getMessage().contains("HTTP_MAX_CONNECTIONS"));
    }
}
