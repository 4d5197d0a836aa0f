package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin on its own, over an in-memory store: the registry's answers to the control plane,
 * and the pieces the endpoints rely on (session sealing, naming, SSE reading). Through a started
 * system with real MCP clients and servers: studio-api's {@code io.aigw.studio.mcp} tests.
 */
class McpRegistryPluginTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final MemoryStore store = new MemoryStore();
    final List<McpRegistryPlugin> started = new ArrayList<>();

    McpRegistryPlugin start(Map<String, String> config) {
        McpRegistryPlugin plugin = new McpRegistryPlugin();
        plugin.initialize(BasicPluginContext.named("mcp-test", store), config);
        started.add(plugin);
        return plugin;
    }

    @AfterEach
    void stop() {
        started.forEach(McpRegistryPlugin::shutdown);
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    ResourceInstance create(McpRegistryPlugin plugin, String payload) throws Exception {
        return plugin.createResourceInstance(null, "mcp_servers", json(payload));
    }

    @Test
    void providesTheMcpServersTypeWithItsOwnSelector() {
        List<ResourceTypeRegistration> types = start(Map.of()).getResourceTypeRegistrations();
        assertEquals(1, types.size());
        ResourceTypeRegistration type = types.getFirst();
        assertEquals("mcp_servers", type.slug());
        assertEquals("MCP Servers", type.name());
        assertTrue(type.hasPrivacyScore() && type.supportsSubmissions());
        assertEquals("mcp-server-selector", type.formComponent().tag());
        assertEquals("ui/webc/mcp-selector.js", type.formComponent().entryPoint());
    }

    @Test
    void aServerIsKeptInTheStoreAndItsSecretApartFromEverythingThatDescribesIt() throws Exception {
        McpRegistryPlugin plugin = start(Map.of());
        ResourceInstance github = create(plugin, """
                {"name": " GitHub Enterprise ", "url": "https://mcp.example.com/mcp", "privacy_score": 40,
                 "description": "issues and pull requests",
                 "auth": {"type": "header", "header_name": "Authorization", "secret": "Bearer ghp_topsecret"}}
                """);
        assertTrue(github.id().matches("github-enterpris-[a-z2-9]{6}"), github.id());
        assertEquals("GitHub Enterprise", github.name());
        assertEquals(40, github.privacyScore());
        assertTrue(github.isActive());
        JsonNode metadata = JSON.readTree(github.metadata());
        assertEquals("https://mcp.example.com/mcp", metadata.path("url").asText());
        assertEquals("github-enterpris", metadata.path("prefix").asText(), "a slug of the name, 16 characters at most");
        assertEquals("header", metadata.path("auth").asText());
        assertEquals("Authorization", metadata.path("auth_header").asText());

        assertEquals(List.of("secrets/" + github.id(), "servers/" + github.id()), List.copyOf(store.values.keySet()));
        assertEquals("Bearer ghp_topsecret", new String(store.values.get("secrets/" + github.id()), StandardCharsets.UTF_8));
        String described = new String(store.values.get("servers/" + github.id()), StandardCharsets.UTF_8)
                + github + plugin.listResourceInstances(null, "mcp_servers")
                + plugin.getResourceInstance(null, "mcp_servers", github.id());
        assertFalse(described.contains("ghp_topsecret"), described);

        ResourceInstance open = create(plugin, """
                {"name": "Docs", "url": "http://docs.internal:8080/mcp", "privacy_score": 5, "prefix": "docs"}""");
        assertEquals("none", JSON.readTree(open.metadata()).path("auth").asText());
        assertFalse(store.values.containsKey("secrets/" + open.id()));
        assertEquals(2, plugin.listResourceInstances(null, "mcp_servers").size());
        assertNull(plugin.getResourceInstance(null, "mcp_servers", "no-such-server"));
        assertNull(plugin.getResourceInstance(null, "mcp_servers", "../secrets/" + open.id()), "ids are checked");
    }

    @Test
    void badPayloadsAreRefusedWithAReasonThatNeverQuotesASecret() throws Exception {
        McpRegistryPlugin plugin = start(Map.of());
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("{\"url\": \"https://x/mcp\", \"privacy_score\": 1}", "'name' is required"),
                Map.entry("{\"name\": \"x\", \"privacy_score\": 1}", "'url' is required"),
                Map.entry("{\"name\": \"x\", \"url\": \"ftp://x/mcp\", \"privacy_score\": 1}", "http or https"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://user:pw@x/mcp\", \"privacy_score\": 1}",
                        "must not carry credentials"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\"}", "'privacy_score' is required"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 101}", "from 0 to 100"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 1, \"prefix\": \"Bad_Prefix\"}",
                        "'prefix' must be"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 1, \"token\": \"s3cret\"}",
                        "unknown field 'token'"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 1, \"auth\": "
                        + "{\"type\": \"header\", \"header_name\": \"Host\", \"secret\": \"s3cret\"}}", "set by the gateway"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 1, \"auth\": "
                        + "{\"type\": \"header\", \"header_name\": \"X-Key\"}}", "'auth.secret' is required"),
                Map.entry("{\"name\": \"x\", \"url\": \"https://x/mcp\", \"privacy_score\": 1, \"auth\": "
                        + "{\"type\": \"header\", \"header_name\": \"X-Key\", \"secret\": \"s3cret\\nInjected: 1\"}}",
                        "printable ASCII"),
                Map.entry("[1]", "must be a JSON object"));
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            ResourcePayloadRejectedException e = assertThrows(ResourcePayloadRejectedException.class,
                    () -> create(plugin, r.getKey()), r.getKey());
            assertTrue(e.getMessage().contains(r.getValue()), r.getKey() + " → " + e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
        assertTrue(store.values.isEmpty(), "nothing stored");
    }

    @Test
    void anAppHoldsAtMostTheConfiguredNumberOfServersNoTwoWithOnePrefix() throws Exception {
        McpRegistryPlugin plugin = start(Map.of("max_servers_per_app", "2"));
        String a = create(plugin, "{\"name\": \"Jira\", \"url\": \"https://a/mcp\", \"privacy_score\": 1}").id();
        String b = create(plugin, "{\"name\": \"Wiki\", \"url\": \"https://b/mcp\", \"privacy_score\": 1}").id();
        String c = create(plugin, "{\"name\": \"Jira\", \"url\": \"https://c/mcp\", \"privacy_score\": 1}").id();
        plugin.validateResourceSelection(null, "mcp_servers", List.of(a, b), 7);
        plugin.validateResourceSelection(null, "mcp_servers", List.of(a, a), 7);
        ResourceSelectionRejectedException tooMany = assertThrows(ResourceSelectionRejectedException.class,
                () -> plugin.validateResourceSelection(null, "mcp_servers", List.of(a, b, c), 7));
        assertEquals("an App may hold at most 2 MCP servers; App 7 selects 3", tooMany.getMessage());
        ResourceSelectionRejectedException clash = assertThrows(ResourceSelectionRejectedException.class,
                () -> plugin.validateResourceSelection(null, "mcp_servers", List.of(a, c), 7));
        assertTrue(clash.getMessage().contains("share the prefix 'jira'"), clash.getMessage());
        assertEquals(10, Settings.of(Map.of()).maxServersPerApp(), "the default");
    }

    @Test
    void configIsCheckedAtStart() {
        for (Map<String, String> bad : List.of(Map.of("max_servers_per_app", "0"), Map.of("session_key", "not base64!"),
                Map.of("session_key", Base64.getEncoder().encodeToString(new byte[7])),
                Map.of("session_max_age", "forever"))) {
            assertThrows(IllegalArgumentException.class, () -> new McpRegistryPlugin().initialize(
                    BasicPluginContext.named("bad", store), bad), bad.toString());
        }
    }

    @Test
    void sessionsOpenOnlyWithTheirKeyForTheirAppWhileFresh() {
        SessionSeal seal = new SessionSeal(new byte[32]);
        Session session = new Session(42, "2025-11-25", java.time.Instant.now().getEpochSecond(),
                List.of(new Session.Leg("github-abc123", "upstream-session-1", "2025-06-18"),
                        new Session.Leg("docs-def456", null, "2025-11-25")));
        String id = session.seal(seal, JSON);
        // session_max_age, not a time budget: the fresh session is seconds old, the expired one 2 h
        Duration maxAge = Duration.ofHours(1);
        assertTrue(id.matches("[A-Za-z0-9_-]+"), "visible ASCII: " + id);
        assertFalse(id.contains("upstream-session-1") || new String(Base64.getUrlDecoder().decode(id),
                StandardCharsets.ISO_8859_1).contains("upstream-session-1"), "the upstream ids are encrypted");
        assertEquals(session, Session.open(id, 42, maxAge, seal, JSON).orElseThrow());

        assertTrue(Session.open(id, 43, maxAge, seal, JSON).isEmpty(), "another App");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertTrue(Session.open(id, 42, maxAge, new SessionSeal(otherKey), JSON).isEmpty(), "another key");
        char[] chars = id.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertTrue(Session.open(new String(chars), 42, maxAge, seal, JSON).isEmpty(), "altered");
        assertTrue(Session.open("forged", 42, maxAge, seal, JSON).isEmpty());
        Session old = new Session(42, "2025-11-25", java.time.Instant.now().minusSeconds(7200).getEpochSecond(),
                List.of());
        assertTrue(Session.open(old.seal(seal, JSON), 42, maxAge, seal, JSON).isEmpty(), "expired");
        assertFalse(id.equals(session.seal(seal, JSON)), "a fresh nonce each time");
    }

    @Test
    void prefixedNamesSplitBackUnambiguously() {
        assertEquals("github__create_issue", Names.name("github", "create_issue"));
        assertEquals(new Names.Split("github", "create__issue"), Names.splitName("github__create__issue").orElseThrow());
        assertEquals(new Names.Split("jira-eu", "file:///a+b"), Names.splitUri("jira-eu+file:///a+b").orElseThrow());
        assertTrue(Names.splitName("no_prefix").isEmpty());
        assertTrue(Names.splitName("Bad__x").isEmpty(), "not a prefix this plugin hands out");
        assertTrue(Names.splitName("github__").isEmpty());
    }

    @Test
    void eventStreamsAreReadOneWholeEventAtATime() throws Exception {
        String body = "data: {\"a\":1}\n\n: comment\r\ndata: line1\r\ndata: line2\r\n\r\nid: 7\rdata: x\r\rtail";
        SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        List<String> events = new ArrayList<>();
        for (byte[] e = reader.next(); e != null; e = reader.next()) {
            events.add(new String(e, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("data: {\"a\":1}\n\n", ": comment\r\ndata: line1\r\ndata: line2\r\n\r\n",
                "id: 7\rdata: x\r\r", "tail"), events, "byte for byte, nothing lost");
        assertEquals("line1\nline2", SseReader.data(events.get(1).getBytes(StandardCharsets.UTF_8)));
        assertNull(SseReader.data(": only a comment\n\n".getBytes(StandardCharsets.UTF_8)));
    }
}
