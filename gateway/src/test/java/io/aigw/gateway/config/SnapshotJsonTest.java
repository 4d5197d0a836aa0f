package io.aigw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SnapshotJsonTest {

    private static final String HASH = "a".repeat(64);
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /**
     * The snapshot {@code snapshot-golden.json} holds: every wire field set to a value that is not
     * its type's default, so a field the parser no longer finds shows as a difference.
     */
    static ConfigSnapshot goldenSnapshot() {
        PluginConfig plugin = new PluginConfig(7, "Echo", "pf4j:io.aigw.examples.echo", "custom_endpoint",
                List.of("custom_endpoint", "studio_ui"), Map.of("slug", "echo", "greeting", "hi \"there\"\n"), true);
        App app = new App(3, "billing", "the billing app", "ops@example.com", true, 12.5, 60,
                Map.of("mcp_access", "allowed"), List.of(new PluginResourceAssociation(7, "mcp_servers",
                List.of("s1", "s2"), List.of(new ResourceInstance("s1", "Server 1", "the first server", 70, "{\"k\":1}",
                true)))));
        CredentialConfig expiring = new CredentialConfig(1, HASH, List.of("read", "write"), true,
                Instant.parse("2030-01-31T12:00:00Z"));
        CredentialConfig revoked = new CredentialConfig(2, "b".repeat(64), List.of(), false, null);
        return new ConfigSnapshot(42, List.of(plugin),
                List.of(new AppConfig(app, List.of(expiring, revoked), List.of(1L, 2L), List.of(5L), List.of(9L))));
    }

    static String golden() throws IOException {
        try (InputStream in = SnapshotJsonTest.class.getResourceAsStream("snapshot-golden.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The wire format is a contract with edges already deployed (and with snapshots they persisted):
     * the writer must produce exactly the checked-in field names and value types. A renamed or
     * dropped field fails here, which a round trip alone would not notice.
     */
    @Test
    void writesTheGoldenWireFormat() throws IOException {
        JsonNode expected = MAPPER.readTree(golden());
        JsonNode written = MAPPER.readTree(SnapshotJson.write(goldenSnapshot()));
        assertEquals(expected, written, () -> "expected\n" + expected.toPrettyString() + "\nbut wrote\n"
                + written.toPrettyString());
    }

    /** And the reader must take every field from those names: an edge reading an older control plane's push. */
    @Test
    void readsTheGoldenWireFormat() throws IOException {
        assertEquals(goldenSnapshot(), SnapshotJson.read(golden()));
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

    /**
     * The wire form of an App's plugin resources, as edges of this version and later read it:
     * the instances' copies with metadata as the provider's JSON text, kept byte for byte.
     */
    @Test
    void pluginResourcesOnTheWire() throws Exception {
        String metadata = "{\"url\": \"https://a.example/mcp\",  \"tags\": [\"x\"]}";
        App app = new App(9, "rag", null, null, true, 0, 0, null, List.of(
                new PluginResourceAssociation(4, "mcp_servers", List.of("a", "b"), List.of(
                        new ResourceInstance("a", "Server A", "docs", 30, metadata, true),
                        new ResourceInstance("b", "Server B", null, 0, null, false))),
                new PluginResourceAssociation(5, "notes", List.of("n1"), List.of(
                        new ResourceInstance("n1", "Notes", "", 95, "", true)))));
        ConfigSnapshot snapshot = new ConfigSnapshot(1, List.of(), List.of(new AppConfig(app, List.of())));
        String json = SnapshotJson.write(snapshot);

        JsonNode resources = new ObjectMapper().readTree(json).path("apps").get(0).path("app").path("plugin_resources");
        assertEquals(2, resources.size(), json);
        JsonNode first = resources.get(0);
        assertEquals(4, first.path("plugin_id").asLong());
        assertEquals("mcp_servers", first.path("resource_type_slug").asText());
        assertEquals("[\"a\",\"b\"]", first.path("instance_ids").toString());
        JsonNode a = first.path("instances").get(0);
        assertEquals("a", a.path("id").asText());
        assertEquals("Server A", a.path("name").asText());
        assertEquals("docs", a.path("description").asText());
        assertEquals(30, a.path("privacy_score").asInt());
        assertEquals(metadata, a.path("metadata").asText(), "opaque: the provider's text, not re-encoded");
        assertTrue(a.path("is_active").asBoolean());
        assertFalse(first.path("instances").get(1).path("is_active").asBoolean());

        List<PluginResourceAssociation> read = SnapshotJson.read(json).apps().getFirst().app().pluginResources();
        assertEquals(app.pluginResources(), read);
        assertEquals(metadata, read.getFirst().instances().getFirst().metadata());
    }

    @Test
    void appsWithoutPluginResourcesReadAsEmpty() {
        ConfigSnapshot read = SnapshotJson.read("{\"format\": 1, \"version\": 3, \"apps\": [{\"app\": {\"id\": 1, "
                + "\"name\": \"a\", \"is_active\": true}, \"credentials\": []}]}");
        assertEquals(List.of(), read.apps().getFirst().app().pluginResources());
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
