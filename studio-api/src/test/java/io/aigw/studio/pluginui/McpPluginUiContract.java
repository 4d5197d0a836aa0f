package io.aigw.studio.pluginui;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.aigw.studio.pluginui.PluginUiContract.CSP;
import static io.aigw.studio.pluginui.PluginUiContract.ui;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP registry's own UI through the control plane, as the web UI uses it: its
 * {@code mcp-server-selector} form component and {@code mcp-admin-page}, and the admin page's RPC
 * methods adding, editing and deactivating servers, which the resource type's instance list then
 * shows. Upstream secrets are write-only: no answer carries one. Subclasses run the plugin
 * in-process and as an external process.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpPluginUiContract {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLUGIN_ID = "io.aigw.examples.mcp-registry";
    static final String SECRET = "Bearer never-shown-4f1c9a";

    TestSystem system;
    AdminClient admin;
    AdminClient user;
    long plugin;
    long typeId;

    /** Registers the mcp-registry example (slug mcp) and returns its id. */
    abstract long install(TestSystem system);

    @BeforeAll
    void start(Systems systems) {
        system = systems.start(Map.of());
        admin = system.admin();
        plugin = install(system);
        assertTrue(TestSystem.await(WAIT, () -> {
            JsonNode p = admin.get("/api/v1/plugins/" + plugin).json();
            return "running".equals(p.path("status").path("state").asText())
                    && p.path("capabilities").toString().contains("\"ui_provider\"");
        }), () -> "the registry serves its UI: " + admin.get("/api/v1/plugins/" + plugin).body());
        assertTrue(TestSystem.await(WAIT, () -> type() != null), "the mcp_servers type is registered");
        typeId = type().path("id").asLong();
        HttpResult u = admin.post("/api/v1/users", Map.of("email", "mcp-ui-user@example.com"));
        assertEquals(201, u.status(), u.toString());
        user = admin.withKey(u.json().path("api_key").asText());
    }

    @Test
    void theSelectorAndTheAdminPageAreServed() {
        HttpResult manifest = user.get(ui(plugin, "/manifest"));
        assertEquals(200, manifest.status(), manifest.toString());
        JsonNode page = manifest.json().path("admin_pages").path(0);
        assertEquals("mcp-admin-page", page.path("tag").asText(), manifest.body());
        assertEquals("ui/admin.js", page.path("entry_point").asText());

        JsonNode component = type().path("form_component");
        assertEquals("mcp-server-selector", component.path("tag").asText(), type().toString());
        HttpResult selector = user.get(ui(plugin, "/assets/" + component.path("entry_point").asText()));
        assertEquals(200, selector.status(), selector.toString());
        assertEquals("text/javascript; charset=utf-8", selector.header("Content-Type"));
        assertEquals(CSP, selector.header("Content-Security-Policy"));
        assertTrue(selector.body().contains("const TAG = 'mcp-server-selector'"), selector.body());
        assertTrue(selector.body().contains("customElements.define(TAG, McpServerSelector)"));
        assertTrue(selector.body().contains("'selection-change'"));
        HttpResult adminJs = user.get(ui(plugin, "/assets/ui/admin.js"));
        assertEquals(200, adminJs.status(), adminJs.toString());
        assertTrue(adminJs.body().contains("customElements.define(TAG, McpAdminPage)"));
        assertEquals(404, user.get(ui(plugin, "/assets/plugin.json")).status());
    }

    @Test
    void anAdminAddsEditsAndDeactivatesServersThroughTheAdminPagesRpc() {
        HttpResult added = admin.post(ui(plugin, "/rpc/add"), Map.of("name", "Issue Tracker",
                "url", "https://tracker.example.com/mcp", "description", "tickets", "privacy_score", 30,
                "auth", Map.of("type", "header", "header_name", "Authorization", "secret", SECRET)));
        assertEquals(200, added.status(), added.toString());
        assertNoSecret(added);
        String id = added.json().path("id").asText();
        assertTrue(added.json().path("auth").path("has_secret").asBoolean(), added.body());

        JsonNode instance = instance(id);
        assertNotNull(instance, "the new server is an instance of the type");
        assertEquals("Issue Tracker", instance.path("name").asText());
        assertEquals(30, instance.path("privacy_score").asInt());
        assertTrue(instance.path("is_active").asBoolean());

        HttpResult edited = admin.post(ui(plugin, "/rpc/edit"), Map.of("id", id, "name", "Ticket Tracker",
                "privacy_score", 45));
        assertEquals(200, edited.status(), edited.toString());
        assertNoSecret(edited);
        assertTrue(edited.json().path("auth").path("has_secret").asBoolean(), "no new secret keeps the old one");
        assertEquals("Ticket Tracker", instance(id).path("name").asText());
        assertEquals(45, instance(id).path("privacy_score").asInt());
        assertEquals("tickets", instance(id).path("description").asText(), "fields not given are kept");

        HttpResult bad = admin.post(ui(plugin, "/rpc/edit"), Map.of("id", id, "privacy_score", 101));
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.error().contains("'privacy_score'"), bad.toString());
        assertEquals(404, admin.post(ui(plugin, "/rpc/deactivate"), Map.of("id", "no-such-aaaaaa")).status());

        HttpResult off = admin.post(ui(plugin, "/rpc/deactivate"), Map.of("id", id));
        assertEquals(200, off.status(), off.toString());
        assertNoSecret(off);
        assertFalse(instance(id).path("is_active").asBoolean(), "deactivated: inactive in the instance list");

        HttpResult listed = admin.post(ui(plugin, "/rpc/servers"), Map.of());
        assertEquals(200, listed.status(), listed.toString());
        assertNoSecret(listed);
        boolean found = false;
        for (JsonNode s : listed.json().path("servers")) {
            if (s.path("id").asText().equals(id)) {
                found = true;
                assertFalse(s.path("is_active").asBoolean(), s.toString());
                assertEquals("Authorization", s.path("auth").path("header_name").asText());
            }
        }
        assertTrue(found, listed.body());
        assertFalse(admin.get("/api/v1/plugin-resource-types/" + typeId + "/instances").body().contains("never-shown"));
    }

    @Test
    void usersAreRefusedTheAdminMethodsButMayAskForTheSettings() {
        for (String method : List.of("servers", "add", "edit", "deactivate", "activate")) {
            HttpResult refused = user.post(ui(plugin, "/rpc/" + method), Map.of("id", "x", "name", "Mine",
                    "url", "https://mine.example.com/mcp", "privacy_score", 1));
            assertEquals(403, refused.status(), method + ": " + refused);
            assertEquals("only admins may manage MCP servers", refused.error(), method);
        }
        for (JsonNode i : admin.get("/api/v1/plugin-resource-types/" + typeId + "/instances").json()) {
            assertFalse(i.path("name").asText().equals("Mine"), "a refused add adds nothing");
        }
        HttpResult settings = user.post(ui(plugin, "/rpc/settings"), Map.of());
        assertEquals(200, settings.status(), settings.toString());
        assertEquals(10, settings.json().path("max_servers_per_app").asInt(), settings.body());
        assertEquals(404, user.post(ui(plugin, "/rpc/nope"), Map.of()).status());
    }

    // ---- helpers

    JsonNode type() {
        HttpResult types = admin.get("/api/v1/plugin-resource-types");
        if (types.status() != 200) {
            return null;
        }
        for (JsonNode t : types.json()) {
            if (t.path("plugin_id").asLong() == plugin && t.path("slug").asText().equals("mcp_servers")) {
                return t;
            }
        }
        return null;
    }

    JsonNode instance(String id) {
        HttpResult list = admin.get("/api/v1/plugin-resource-types/" + typeId + "/instances");
        assertEquals(200, list.status(), list.toString());
        for (JsonNode i : list.json()) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        return null;
    }

    static void assertNoSecret(HttpResult r) {
        assertFalse(r.body().contains("never-shown"), "the secret is write-only: " + r);
        assertFalse(r.body().contains("\"secret\""), "no secret field: " + r);
    }

    static long registered(TestSystem system, String command) {
        long[] found = {-1};
        assertTrue(TestSystem.await(WAIT, () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals(command)) {
                    found[0] = p.path("id").asLong();
                }
            }
            return found[0] > 0;
        }), "the dropped-in jar is registered as " + command);
        return found[0];
    }
}
