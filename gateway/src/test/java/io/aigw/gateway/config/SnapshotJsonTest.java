package io.aigw.gateway.config;

import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SnapshotJsonTest {

    private static final String HASH = "a".repeat(64);

    public static ConfigSnapshot sampleSnapshot() {
        PluginConfig plugin = new PluginConfig(7, "Echo", "pf4j:io.aigw.examples.echo", "custom_endpoint",
                List.of("custom_endpoint", "studio_ui"), Map.of("slug", "echo", "greeting", "hi \"there\"\n"), true);
        App app = new App(3, "billing", "the billing app", "ops@example.com", true, 12.5, 60,
                Map.of("mcp_access", "allowed"), List.of(new PluginResourceAssociation(7, "mcp_servers",
                List.of("s1", "s2"), List.of(new ResourceInstance("s1", "Server 1", null, 70, "{\"k\":1}", true)))));
        CredentialConfig forever = new CredentialConfig(1, HASH, List.of("read", "write"), true, null);
        CredentialConfig expiring = new CredentialConfig(2, "b".repeat(64), List.of(), false,
                Instant.parse("2030-01-31T12:00:00Z"));
        return new ConfigSnapshot(42, List.of(plugin),
                List.of(new AppConfig(app, List.of(forever, expiring), List.of(1L, 2L), List.of(5L), List.of()),
                        new AppConfig(new App(4, "plain", null, null, false, 0, 0, null, null), List.of())));
    }

    @Test
    void roundTripsEveryField() {
        ConfigSnapshot snapshot = sampleSnapshot();
        String json = SnapshotJson.write(snapshot);
        assertEquals(snapshot, SnapshotJson.read(json));
        assertEquals(json, SnapshotJson.write(SnapshotJson.read(json)), "stable output");
        assertFalse(json.contains("\n"), "one line, so it fits one SSE data field");
        assertTrue(json.contains("\"token_hash\":\"" + HASH + "\""));
    }

    @Test
    void emptySnapshotRoundTrips() {
        assertEquals(ConfigSnapshot.EMPTY, SnapshotJson.read(SnapshotJson.write(ConfigSnapshot.EMPTY)));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.read("[1]"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.read("{\"format\": 99, \"version\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.read("{\"format\": 1}"));
    }
}
