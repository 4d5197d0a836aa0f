package io.aigw.studio;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StudioSettingsTest {

    @Test
    void defaults() {
        StudioSettings s = StudioSettings.fromEnv(Map.of());
        assertEquals(8080, s.port());
        assertEquals(8081, s.gateway().port());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), s.dataDir());
        assertNull(s.databaseUrl());
        assertNull(s.adminKey());
        assertEquals(Duration.ofSeconds(10), s.resourceProviderTimeout());
    }

    @Test
    void resourceProviderTimeoutIsADurationAboveZero() {
        assertEquals(Duration.ofMillis(2500),
                StudioSettings.fromEnv(Map.of("RESOURCE_PROVIDER_TIMEOUT", "2500ms")).resourceProviderTimeout());
        assertThrows(IllegalArgumentException.class,
                () -> StudioSettings.fromEnv(Map.of("RESOURCE_PROVIDER_TIMEOUT", "0s")));
        assertThrows(IllegalArgumentException.class,
                () -> StudioSettings.fromEnv(Map.of("RESOURCE_PROVIDER_TIMEOUT", "soon")));
    }

    @Test
    void overridesAndNoSecretsInToString() {
        StudioSettings s = StudioSettings.fromEnv(Map.of("STUDIO_PORT", "9090", "GATEWAY_PORT", "9091",
                "DATA_DIR", "/tmp/x", "DATABASE_URL", "postgres://u:hunter2@h/d", "STUDIO_ADMIN_KEY", "k-secret"));
        assertEquals(9090, s.port());
        assertEquals(9091, s.gateway().port());
        assertEquals(Path.of("/tmp/x"), s.dataDir());
        assertEquals("k-secret", s.adminKey());
        assertFalse(s.toString().contains("hunter2"));
        assertFalse(s.toString().contains("k-secret"));
    }
}
