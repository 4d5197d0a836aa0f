package io.aigw.studio.pluginui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.UiLimits;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.KeepAliveConnection;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin's own UI as the browser reaches it through the control plane, with the real example
 * plugins (the knowledge bases' {@code kb-selector} form component and admin page, the echo's
 * admin page and config schema) and {@link UiLimitsPlugin} at the limits: manifests, assets with
 * their content types and headers, paths that try to leave the plugin, RPC calls with the caller's
 * identity, the plugin's refusals, failures, time-outs and size limits, signed in with a key or a
 * session cookie, and the config schemas and their enforcement. Subclasses run the plugins
 * in-process (jars in the plugins directory) and as external processes.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PluginUiContract {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    TestSystem system;
    AdminClient admin;
    AdminClient user;
    String userKey;
    long userId;
    long kb;
    long echo;
    long limits;
    private PluginServer noUiServer;
    long noUi;

    /** Registers the knowledge bases example (config max_per_app 3) and returns its id. */
    abstract long installKnowledgeBases(TestSystem system) throws Exception;

    /** Registers the echo example (slug echo) and returns its id. */
    abstract long installEcho(TestSystem system) throws Exception;

    /** Registers {@link UiLimitsPlugin} and returns its id. */
    abstract long installLimits(TestSystem system) throws Exception;

    /** The command the echo example is registered with, for registering it once more. */
    abstract String echoCommand();

    @BeforeAll
    void start(Systems systems) throws Exception {
        system = systems.start(Map.of("PLUGIN_UI_TIMEOUT", "8s"));
        admin = system.admin();
        kb = installKnowledgeBases(system);
        echo = installEcho(system);
        limits = installLimits(system);
        CustomEndpointHandler endpointsOnly = () -> List.of(EndpointRegistration.builder("/*").build());
        noUiServer = PluginServer.start(endpointsOnly, "1.0", Handshake.Network.TCP, null, 1 << 20, () -> { });
        noUi = created(admin.post("/api/v1/plugins", Map.of("name", "no-ui", "command", "grpc://"
                + noUiServer.handshake().address(), "config", Map.of("slug", "no-ui"))));
        for (long id : List.of(kb, echo, limits)) {
            awaitCapability(id, "ui_provider");
        }
        awaitCapability(noUi, "custom_endpoint");
        HttpResult u = admin.post("/api/v1/users", Map.of("email", "ui-user@example.com"));
        assertEquals(201, u.status(), u.toString());
        userKey = u.json().path("api_key").asText();
        userId = u.id();
        user = admin.withKey(userKey);
    }

    @AfterAll
    void stop() {
        if (noUiServer != null) {
            noUiServer.close();
        }
    }

    // ---- manifests and assets

    @Test
    void theManifestAndAFormComponentAreServedToSignedInUsersWithTheUiHeaders() {
        HttpResult manifest = user.get(ui(kb, "/manifest"));
        assertEquals(200, manifest.status(), manifest.toString());
        assertEquals("application/json", manifest.header("Content-Type"));
        JsonNode page = manifest.json().path("admin_pages").path(0);
        assertEquals("kb-admin-page", page.path("tag").asText(), manifest.body());
        assertEquals("ui/admin.js", page.path("entry_point").asText());
        assertEquals(CSP, manifest.header("Content-Security-Policy"));

        // the type names its Web Component; the browser loads it from the plugin's assets
        JsonNode type = null;
        for (JsonNode t : user.get("/api/v1/plugin-resource-types").json()) {
            if (t.path("plugin_id").asLong() == kb && t.path("slug").asText().equals("knowledge_bases")) {
                type = t;
            }
        }
        assertNotNull(type);
        String entryPoint = type.path("form_component").path("entry_point").asText();
        HttpResult selector = user.get(ui(kb, "/assets/" + entryPoint));
        assertEquals(200, selector.status(), selector.toString());
        assertEquals("text/javascript; charset=utf-8", selector.header("Content-Type"));
        assertEquals("private, max-age=300", selector.header("Cache-Control"));
        assertEquals(CSP, selector.header("Content-Security-Policy"));
        assertEquals("nosniff", selector.header("X-Content-Type-Options"));
        assertEquals("no-referrer", selector.header("Referrer-Policy"));
        assertTrue(selector.body().contains("customElements.define(TAG, KnowledgeBaseSelector)"), selector.body());
        assertTrue(selector.body().contains("'selection-change'"));
        assertEquals(200, user.get(ui(kb, "/assets/ui/admin.js")).status());
        assertEquals(200, user.get(ui(echo, "/assets/ui/admin.js")).status());

        for (String path : List.of(ui(kb, "/manifest"), ui(kb, "/assets/" + entryPoint))) {
            HttpResult anonymous = admin.withKey(null).get(path);
            assertEquals(401, anonymous.status(), path + ": " + anonymous);
            assertNotNull(anonymous.error());
        }
    }

    @Test
    void contentTypesAreTheAllowedOnesAndSizesAreBounded() {
        HttpResult atLimit = user.get(ui(limits, "/assets/at-limit.js"));
        assertEquals(200, atLimit.status(), () -> atLimit.status() + " " + atLimit.body().substring(0,
                Math.min(300, atLimit.body().length())));
        assertEquals(UiLimits.MAX_ASSET_BYTES, atLimit.body().length());
        assertBadAnswer(user.get(ui(limits, "/assets/big.js")), "larger than " + UiLimits.MAX_ASSET_BYTES);
        assertBadAnswer(user.get(ui(limits, "/assets/program.exe")), "application/x-msdownload");
        assertBadAnswer(user.get(ui(limits, "/assets/noext")), "no content type");
        assertEquals("text/css; charset=utf-8", user.get(ui(limits, "/assets/style.css")).header("Content-Type"),
                "derived from the extension");
        assertEquals("text/javascript; charset=utf-8", user.get(ui(limits, "/assets/page.js")).header("Content-Type"),
                "one canonical JavaScript type");
        assertEquals("image/svg+xml", user.get(ui(limits, "/assets/icon.svg")).header("Content-Type"));
        assertBadAnswer(user.get(ui(limits, "/manifest")), "not a JSON object");
    }

    @Test
    void pathsThatCouldLeaveThePluginAreRefused() throws IOException {
        String base = "/api/v1/plugins/" + kb + "/ui/assets/";
        List<String> hostile = List.of("ui/../plugin.json", "../../../../etc/passwd", "ui/webc/../../x.js",
                "ui/%2e%2e/plugin.json", "%2e%2e/%2E%2E/etc/passwd", "ui%2fwebc%2fkb-selector.js",
                "ui%2Fwebc/kb-selector.js", "ui%5cwebc%5ckb-selector.js", "ui\\webc\\kb-selector.js",
                "/etc/passwd", "//etc/passwd", "ui//webc/kb-selector.js", "./ui/admin.js", "ui/./admin.js", "..",
                ".", "ui/%00admin.js", "ui/admin.js%00.png", "%c0%ae%c0%ae/plugin.json", "ui/%zz.js",
                "C:%5cWindows%5cwin.ini", "ui/admin.js/", "ui/a%20b.js");
        for (String path : hostile) {
            // one connection each: the server may close one after refusing what it cannot even parse
            try (KeepAliveConnection http = new KeepAliveConnection("127.0.0.1", system.studio().port())) {
                KeepAliveConnection.Response r = http.get(base + path, userKey);
                assertEquals(400, r.status(), path + " -> " + r);
                assertTrue(r.body().contains("\"error\""), path + " -> " + r);
                assertFalse(r.body().contains("localhost"), "no file content: " + r);
            }
        }
        try (KeepAliveConnection http = new KeepAliveConnection("127.0.0.1", system.studio().port())) {
            assertEquals(200, http.get(base + "ui/webc/kb-selector.js", userKey).status(), "the real one still works");
            assertEquals(200, http.get(base + "ui/webc/kb%2Dselector.js", userKey).status(),
                    "an escaped plain character is that character");
        }
    }

    @Test
    void unknownAssetsPluginsAndPluginsWithoutUiAreNotFound() {
        HttpResult asset = user.get(ui(kb, "/assets/ui/nothing-here.js"));
        assertEquals(404, asset.status(), asset.toString());
        assertTrue(asset.error().contains("ui/nothing-here.js"), asset.toString());
        assertEquals(404, user.get(ui(999999, "/manifest")).status());
        assertEquals(404, user.get(ui(999999, "/assets/ui/admin.js")).status());
        HttpResult none = user.get(ui(noUi, "/manifest"));
        assertEquals(404, none.status(), none.toString());
        assertTrue(none.error().contains("has no UI"), none.toString());
        assertEquals(404, user.post(ui(noUi, "/rpc/anything"), Map.of()).status());
    }

    @Test
    void aDeactivatedPluginServesNoUiAndOneNotServingIsUnavailable() throws IOException {
        PluginServer server = PluginServer.start(new UiLimitsPlugin(), "1.0", Handshake.Network.TCP, null, 2 << 20,
                () -> { });
        long id;
        try {
            id = created(admin.post("/api/v1/plugins", Map.of("name", "ui-going-away", "command",
                    "grpc://" + server.handshake().address(), "hook_type", "studio_ui")));
            awaitCapability(id, "ui_provider");
            assertEquals(200, user.post(ui(id, "/rpc/empty"), Map.of()).status());

            assertEquals(200, admin.patch("/api/v1/plugins/" + id, Map.of("is_active", false)).status());
            HttpResult inactive = user.get(ui(id, "/assets/style.css"));
            assertEquals(404, inactive.status(), inactive.toString());
            assertTrue(inactive.error().contains("is not active"), inactive.toString());
            assertEquals(200, admin.patch("/api/v1/plugins/" + id, Map.of("is_active", true)).status());
            awaitCapability(id, "ui_provider");
        } finally {
            server.close(); // the plugin's process is gone: meant to run, not serving
        }
        assertTrue(TestSystem.await(WAIT, () -> user.get(ui(id, "/assets/style.css")).status() == 503),
                () -> "503 once the plugin is gone: " + user.get(ui(id, "/assets/style.css")));
        HttpResult gone = user.post(ui(id, "/rpc/echo"), Map.of());
        assertEquals(503, gone.status(), gone.toString());
        assertTrue(gone.error().contains("'ui-going-away'"), gone.toString());
        assertEquals(204, admin.delete("/api/v1/plugins/" + id).status());
    }

    // ---- RPC

    @Test
    void rpcCallsReachThePluginWithTheCallersIdentity() {
        HttpResult asUser = user.post(ui(limits, "/rpc/echo"), Map.of("q", List.of(1, 2), "name", "x"));
        assertEquals(200, asUser.status(), asUser.toString());
        assertEquals("application/json", asUser.header("Content-Type"));
        JsonNode caller = asUser.json().path("caller");
        assertEquals(userId, caller.path("user_id").asLong(), asUser.body());
        assertEquals("ui-user@example.com", caller.path("email").asText());
        assertFalse(caller.path("is_admin").asBoolean());
        assertEquals(Map.of("q", List.of(1, 2), "name", "x"), JSON.convertValue(asUser.json().path("payload"), Map.class));
        assertEquals(asUser.header("X-Request-ID"), asUser.json().path("request_id").asText(),
                "the plugin's log lines carry the request's id");

        JsonNode asAdmin = admin.post(ui(limits, "/rpc/echo"), "[1, \"two\"]").json();
        assertTrue(asAdmin.path("caller").path("is_admin").asBoolean(), asAdmin.toString());
        assertEquals("admin@localhost", asAdmin.path("caller").path("email").asText());
        assertEquals("[1,\"two\"]", asAdmin.path("payload").toString());
        assertEquals("null", admin.send("POST", ui(limits, "/rpc/echo"), null).json().path("payload").toString(),
                "no body: null");

        // the example plugins decide on the identity: admin-only methods refuse users
        HttpResult stats = user.post(ui(kb, "/rpc/stats"), Map.of());
        assertEquals(403, stats.status(), stats.toString());
        assertEquals("only admins may see the knowledge base statistics", stats.error());
        HttpResult adminStats = admin.post(ui(kb, "/rpc/stats"), Map.of());
        assertEquals(200, adminStats.status(), adminStats.toString());
        assertTrue(adminStats.json().path("instances").has("knowledge_bases"), adminStats.body());
        assertEquals(3, adminStats.json().path("max_per_app").asInt(), adminStats.body());
        HttpResult settings = user.post(ui(kb, "/rpc/settings"), Map.of());
        assertEquals(200, settings.status(), settings.toString());
        assertEquals(3, settings.json().path("max_per_app").asInt());
        HttpResult status = admin.post(ui(echo, "/rpc/status"), Map.of());
        assertEquals(200, status.status(), status.toString());
        assertEquals("admin@localhost", status.json().path("asked_by").asText());
        assertEquals("echo", status.json().path("slug").asText());
        assertEquals(403, user.post(ui(echo, "/rpc/status"), Map.of()).status());
    }

    @Test
    void refusalsFailuresTimeoutsAndSizesAnswerAsTheContractSays() {
        HttpResult unknown = user.post(ui(kb, "/rpc/nope"), Map.of());
        assertEquals(404, unknown.status(), unknown.toString());
        assertTrue(unknown.error().contains("no method 'nope'"), unknown.toString());
        HttpResult invalid = user.post(ui(limits, "/rpc/invalid"), Map.of());
        assertEquals(400, invalid.status(), invalid.toString());
        assertEquals("'name' is required", invalid.error());

        HttpResult boom = user.post(ui(limits, "/rpc/boom"), Map.of());
        assertEquals(502, boom.status(), boom.toString());
        assertFalse(boom.body().contains("secret"), "the plugin's exception stays in the log: " + boom);
        assertBadAnswer(user.post(ui(limits, "/rpc/notjson"), Map.of()), "not JSON");
        assertBadAnswer(user.post(ui(limits, "/rpc/huge"), Map.of()), "larger than");
        HttpResult empty = user.post(ui(limits, "/rpc/empty"), Map.of());
        assertEquals(200, empty.status(), empty.toString());
        assertEquals("null", empty.body());

        long start = System.nanoTime();
        HttpResult slow = user.post(ui(limits, "/rpc/slow"), Map.of());
        assertEquals(504, slow.status(), slow.toString());
        assertTrue(slow.error().contains("within 8000 ms"), slow.toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 25, "answered at the UI timeout");

        assertEquals(400, user.post(ui(limits, "/rpc/9lives"), Map.of()).status(), "method names start with a letter");
        HttpResult notJson = user.post(ui(limits, "/rpc/echo"), "{not json");
        assertEquals(400, notJson.status(), notJson.toString());
        HttpResult tooLarge = user.post(ui(limits, "/rpc/echo"), "\"" + "x".repeat(UiLimits.MAX_RPC_PAYLOAD_BYTES) + "\"");
        assertEquals(413, tooLarge.status(), tooLarge.toString());
        assertEquals(401, admin.withKey(null).post(ui(limits, "/rpc/echo"), Map.of()).status());
    }

    // ---- the browser's way in: a session cookie

    @Test
    void aSignedInBrowserReachesThePluginUiAndItsWritesNeedTheUiHeader() {
        HttpResult login = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + userKey + "\"}")));
        assertEquals(200, login.status(), login.toString());
        String cookie = login.header("Set-Cookie").split(";", 2)[0];

        HttpResult asset = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve(ui(kb,
                "/assets/ui/webc/kb-selector.js"))).header("Cookie", cookie).GET());
        assertEquals(200, asset.status(), asset.toString());

        HttpRequest.Builder rpc = HttpRequest.newBuilder(system.apiBase().resolve(ui(limits, "/rpc/echo")))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        HttpResult withoutHeader = AdminClient.send(rpc);
        assertEquals(403, withoutHeader.status(), withoutHeader.toString());
        assertTrue(withoutHeader.error().contains("X-AIGW-UI"), withoutHeader.toString());
        HttpResult withHeader = AdminClient.send(rpc.header("X-AIGW-UI", "1"));
        assertEquals(200, withHeader.status(), withHeader.toString());
        assertEquals(userId, withHeader.json().path("caller").path("user_id").asLong());
    }

    // ---- config schemas

    @Test
    void theEchoDeclaresItsConfigSchemaInItsManifestAndConfigIsCheckedAgainstIt() {
        HttpResult schema = admin.get("/api/v1/plugins/" + echo + "/config-schema");
        assertEquals(200, schema.status(), schema.toString());
        assertEquals("manifest", schema.json().path("source").asText(), schema.body());
        JsonNode properties = schema.json().path("schema").path("properties");
        assertEquals("string", properties.path("custom_content").path("type").asText(), schema.body());
        assertEquals("boolean", properties.path("diagnostics").path("type").asText());
        assertTrue(properties.has("slug"));
        assertTrue(schema.json().path("problem").isNull(), schema.body());
        assertEquals(403, user.get("/api/v1/plugins/" + echo + "/config-schema").status(), "admins only");

        String plugin = "/api/v1/plugins/" + echo;
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("slug", "echo", "diagnostics", "maybe"))),
                "'config.diagnostics'");
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("slug", "echo", "custom_contnet", "typo"))),
                "'config.custom_contnet'");
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("slug", "Not A Slug!"))), "'config.slug'");
        HttpResult changed = admin.patch(plugin, Map.of("config", Map.of("slug", "echo",
                "custom_content", "Set in the admin UI", "diagnostics", "true")));
        assertEquals(200, changed.status(), changed.toString());
        assertTrue(TestSystem.await(WAIT, () -> system.gatewayGet("/plugins/echo/public", null).body()
                .equals("Set in the admin UI")), "the new content is served");

        // known before the plugin runs: a new registration is checked on create
        assertRefused(admin.post("/api/v1/plugins", Map.of("name", "echo-again", "command", echoCommand(),
                "config", Map.of("slug", "echo-again", "diagnostics", "on"))), "'config.diagnostics'");
    }

    @Test
    void theKnowledgeBasesGiveTheirConfigSchemaAtRunTimeAndConfigIsCheckedAgainstIt() {
        HttpResult schema = admin.get("/api/v1/plugins/" + kb + "/config-schema");
        assertEquals(200, schema.status(), schema.toString());
        assertEquals("runtime", schema.json().path("source").asText(), schema.body());
        assertEquals("integer", schema.json().path("schema").path("properties").path("max_per_app").path("type")
                .asText(), schema.body());

        String plugin = "/api/v1/plugins/" + kb;
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("max_per_app", "0"))),
                "'config.max_per_app' must be at least 1");
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("max_per_app", "three"))),
                "'config.max_per_app' must be a whole number");
        assertRefused(admin.patch(plugin, Map.of("config", Map.of("max_per_app", "3", "default_region", "Europe"))),
                "'config.default_region'");
        assertEquals(3, admin.post(ui(kb, "/rpc/settings"), Map.of()).json().path("max_per_app").asInt(),
                "a refused config changes nothing");

        HttpResult none = admin.get("/api/v1/plugins/" + limits + "/config-schema");
        assertEquals(200, none.status(), none.toString());
        assertTrue(none.json().path("schema").isNull(), none.body());
    }

    // ---- helpers

    static String ui(long plugin, String rest) {
        return "/api/v1/plugins/" + plugin + "/ui" + rest;
    }

    void awaitCapability(long id, String capability) {
        assertTrue(TestSystem.await(WAIT, () -> {
            JsonNode p = admin.get("/api/v1/plugins/" + id).json();
            return "running".equals(p.path("status").path("state").asText())
                    && p.path("capabilities").toString().contains("\"" + capability + "\"");
        }), () -> "plugin " + id + " serves " + capability + ": " + admin.get("/api/v1/plugins/" + id).body());
    }

    static long created(HttpResult r) {
        assertEquals(201, r.status(), r.toString());
        return r.id();
    }

    static void assertBadAnswer(HttpResult r, String why) {
        assertEquals(502, r.status(), r.toString());
        assertTrue(r.error().contains(why), r.toString());
    }

    static void assertRefused(HttpResult r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains(field), r.toString());
    }
}
