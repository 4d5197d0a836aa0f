package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiRpcRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's UI on its own: assets, manifest and the admin RPC methods over an in-memory
 * store, with the secret write-only throughout. Through a started system (both transports):
 * studio-api's {@code McpPluginUiTest}.
 */
class McpRegistryUiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UiCaller ADMIN = new UiCaller(1, "admin@localhost", true);
    static final UiCaller USER = new UiCaller(2, "user@example.com", false);
    final MemoryStore store = new MemoryStore();
    McpRegistryPlugin plugin;

    @BeforeEach
    void start() {
        plugin = new McpRegistryPlugin();
        plugin.initialize(BasicPluginContext.named("mcp-ui-test", store), Map.of("max_servers_per_app", "4"));
    }

    @AfterEach
    void stop() {
        plugin.shutdown();
    }

    String call(UiCaller caller, String method, String payload) throws Exception {
        return new String(plugin.handleRpc(null, caller, method, payload.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Test
    void theSelectorAndTheAdminPageAreItsOnlyAssets() throws Exception {
        UiAsset selector = plugin.getAsset("ui/webc/mcp-selector.js");
        assertEquals("text/javascript", selector.contentType());
        String js = new String(selector.content(), StandardCharsets.UTF_8);
        assertTrue(js.contains("customElements.define(TAG, McpServerSelector)"), js);
        assertTrue(js.contains("const TAG = 'mcp-server-selector'"));
        assertTrue(new String(plugin.getAsset("ui/admin.js").content(), StandardCharsets.UTF_8)
                .contains("const TAG = 'mcp-admin-page'"));
        assertNull(plugin.getAsset("plugin.json"));
        assertNull(plugin.getAsset("ui/../plugin.json"));
        JsonNode page = JSON.readTree(plugin.getManifest()).path("admin_pages").path(0);
        assertEquals("mcp-admin-page", page.path("tag").asText());
        assertEquals("ui/admin.js", page.path("entry_point").asText());
    }

    @Test
    void anEditWithoutASecretKeepsTheStoredOneAndNoAnswerEverCarriesIt() throws Exception {
        String added = call(ADMIN, "add", """
                {"name": "GitHub", "url": "https://mcp.example.com/mcp", "privacy_score": 40,
                 "auth": {"type": "header", "header_name": "Authorization", "secret": "Bearer first-secret"}}
                """);
        assertFalse(added.contains("first-secret"), added);
        JsonNode server = JSON.readTree(added);
        String id = server.path("id").asText();
        assertTrue(server.path("auth").path("has_secret").asBoolean(), added);

        String edited = call(ADMIN, "edit", "{\"id\": \"" + id + "\", \"privacy_score\": 55, \"description\": \"d\"}");
        assertEquals(55, JSON.readTree(edited).path("privacy_score").asInt(), edited);
        assertEquals("GitHub", JSON.readTree(edited).path("name").asText(), "fields not given are kept");
        assertEquals("Bearer first-secret", new ServerCatalog(store, JSON, System.getLogger("t")).secret(id)
                .orElseThrow(), "no new secret: the old one stays");

        call(ADMIN, "edit", "{\"id\": \"" + id + "\", \"auth\": {\"type\": \"header\", \"header_name\": \"X-Api-Key\","
                + " \"secret\": \"second-secret\"}}");
        ServerCatalog catalog = new ServerCatalog(store, JSON, System.getLogger("t"));
        assertEquals("second-secret", catalog.secret(id).orElseThrow());
        String listed = call(ADMIN, "servers", "{}");
        assertFalse(listed.contains("\"secret\""), listed);
        assertFalse(listed.contains("second-secret") || listed.contains("first-secret"), listed);
        assertEquals("X-Api-Key", JSON.readTree(listed).path("servers").path(0).path("auth").path("header_name")
                .asText(), listed);

        call(ADMIN, "edit", "{\"id\": \"" + id + "\", \"auth\": {\"type\": \"none\"}}");
        assertTrue(catalog.secret(id).isEmpty(), "a credential nothing uses is not kept");
        UiRpcRefusedException noSecret = assertThrows(UiRpcRefusedException.class, () -> call(ADMIN, "edit",
                "{\"id\": \"" + id + "\", \"auth\": {\"type\": \"header\", \"header_name\": \"Authorization\"}}"));
        assertEquals(UiRpcRefusedException.Reason.INVALID, noSecret.reason());
        assertTrue(noSecret.getMessage().contains("'auth.secret' is required"), noSecret.getMessage());
    }

    @Test
    void deactivationShowsInTheInstanceAndUsersMayOnlyAskForSettings() throws Exception {
        String id = JSON.readTree(call(ADMIN, "add", """
                {"name": "Docs", "url": "http://docs.internal:3001/mcp", "privacy_score": 10}
                """)).path("id").asText();
        JsonNode off = JSON.readTree(call(ADMIN, "deactivate", "{\"id\": \"" + id + "\"}"));
        assertFalse(off.path("is_active").asBoolean(), off.toString());
        assertFalse(plugin.getResourceInstance(null, "mcp_servers", id).isActive());
        assertTrue(JSON.readTree(call(ADMIN, "activate", "{\"id\": \"" + id + "\"}")).path("is_active").asBoolean());

        for (String method : new String[] {"servers", "add", "edit", "deactivate", "activate"}) {
            UiRpcRefusedException refused = assertThrows(UiRpcRefusedException.class,
                    () -> call(USER, method, "{\"id\": \"" + id + "\"}"));
            assertEquals(UiRpcRefusedException.Reason.FORBIDDEN, refused.reason(), method);
        }
        assertEquals(4, JSON.readTree(call(USER, "settings", "{}")).path("max_servers_per_app").asInt());
        UiRpcRefusedException unknown = assertThrows(UiRpcRefusedException.class,
                () -> call(ADMIN, "deactivate", "{\"id\": \"nope-aaaaaa\"}"));
        assertEquals(UiRpcRefusedException.Reason.NOT_FOUND, unknown.reason());
        assertEquals(UiRpcRefusedException.Reason.INVALID, assertThrows(UiRpcRefusedException.class,
                () -> call(ADMIN, "add", "{\"name\": \"x\"}")).reason());
        assertEquals(UiRpcRefusedException.Reason.NOT_FOUND, assertThrows(UiRpcRefusedException.class,
                () -> call(USER, "nope", "{}")).reason());
    }
}
