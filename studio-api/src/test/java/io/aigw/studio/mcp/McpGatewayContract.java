package io.aigw.studio.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setting the MCP tests share: a whole system with the {@code plugins/mcp-registry} example
 * (subclasses run it as the dropped-in jar and as the external binary), real MCP servers (the
 * official Java SDK's, {@link UpstreamMcpServer}) registered as {@code mcp_servers} instances, a
 * user's group granted some of them, and an App holding two: {@code alpha} (no upstream auth) and
 * {@code beta} (a static header the plugin keeps in its store). {@code gamma} is registered and
 * granted but not in the App; {@code down} points at a port nobody listens on.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpGatewayContract {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "mcp_servers";
    static final String BETA_SECRET = "k-beta-0123456789-secret";
    /** The session key every gateway of a test shares (plugin config {@code session_key}). */
    static final String SESSION_KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32});

    TestSystem system;
    long pluginId;
    long typeId;
    UpstreamMcpServer alpha;
    UpstreamMcpServer beta;
    UpstreamMcpServer gamma;
    String alphaId;
    String betaId;
    String gammaId;
    String downId;
    long llm;
    long group;
    String userKey;
    long app;
    String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Registers the plugin with slug {@code mcp} and {@link #SESSION_KEY}; returns its id. */
    abstract long install(TestSystem system) throws IOException;

    @BeforeAll
    void start(Systems systems) throws Exception {
        // a loaded CI box may take longer than the default 10 s to start a plugin JVM and initialize it
        // INSTANCE_REFRESH_INTERVAL: a change made behind the control plane's back reaches gateways soon
        system = systems.start(Map.of("STUDIO_PORT", String.valueOf(TestSystem.freePort()),
                "PLUGIN_HANDSHAKE_TIMEOUT", "30s", "INSTANCE_REFRESH_INTERVAL", "1s"));
        pluginId = install(system);
        assertTrue(TestSystem.await(WAIT, () -> typeOf(pluginId) != null), "the mcp_servers type is registered: "
                + system.admin().get("/api/v1/plugins/" + pluginId).body());
        typeId = typeOf(pluginId).path("id").asLong();
        alpha = new UpstreamMcpServer("alpha");
        beta = new UpstreamMcpServer("beta");
        gamma = new UpstreamMcpServer("gamma");
        AdminClient admin = system.admin();
        alphaId = createServer(Map.of("name", "Alpha", "url", alpha.url(), "privacy_score", 20));
        betaId = createServer(Map.of("name", "Beta Tools", "url", beta.url(), "privacy_score", 40, "prefix", "beta",
                "auth", Map.of("type", "header", "header_name", "X-Upstream-Key", "secret", BETA_SECRET)));
        gammaId = createServer(Map.of("name", "Gamma", "url", gamma.url(), "privacy_score", 10));
        downId = createServer(Map.of("name", "Down", "url", "http://127.0.0.1:" + TestSystem.freePort() + "/mcp",
                "privacy_score", 10));

        HttpResult newUser = admin.post("/api/v1/users", Map.of("email", "mcp-user@example.com", "name", "MCP User"));
        assertEquals(201, newUser.status(), newUser.toString());
        userKey = newUser.json().path("api_key").asText();
        AdminClient user = new AdminClient(system.apiBase(), userKey);
        llm = created(admin.post("/api/v1/llms", Map.of("name", "model-60", "privacy_score", 60)));
        long catalogue = created(admin.post("/api/v1/llm-catalogues", Map.of("name", "models", "llm_ids", List.of(llm))));
        group = created(admin.post("/api/v1/groups", Map.of("name", "mcp-users",
                "member_ids", List.of(user.get("/api/v1/me").id()), "llm_catalogue_ids", List.of(catalogue))));
        HttpResult granted = admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                Map.of("resources", List.of(Map.of("plugin_id", pluginId, "resource_type_slug", TYPE,
                        "instance_ids", List.of(alphaId, betaId, gammaId, downId)))));
        assertEquals(200, granted.status(), granted.toString());
        app = created(user.post("/api/v1/apps", Map.of("name", "assistant", "llm_ids", List.of(llm),
                "plugin_resources", List.of(selection(alphaId, betaId)))));
        token = tokenFor(user, app);
    }

    @AfterAll
    void stopUpstreams() {
        for (UpstreamMcpServer s : new UpstreamMcpServer[] {alpha, beta, gamma}) {
            if (s != null) {
                s.close();
            }
        }
    }

    // ---- helpers

    String createServer(Map<String, Object> payload) {
        HttpResult r = system.admin().post("/api/v1/plugin-resource-types/" + typeId + "/instances", payload);
        assertEquals(201, r.status(), r.toString());
        return r.json().path("id").asText();
    }

    JsonNode typeOf(long plugin) {
        HttpResult types = system.admin().get("/api/v1/plugin-resource-types");
        if (types.status() != 200) {
            return null;
        }
        for (JsonNode t : types.json()) {
            if (t.path("plugin_id").asLong() == plugin && t.path("slug").asText().equals(TYPE)) {
                return t;
            }
        }
        return null;
    }

    Map<String, Object> selection(String... ids) {
        return Map.of("plugin_id", pluginId, "resource_type_slug", TYPE, "instance_ids", List.of(ids));
    }

    /** A new App of the test's user holding {@code ids}, and a token for it. */
    String appWith(String name, String... ids) {
        AdminClient user = new AdminClient(system.apiBase(), userKey);
        long id = created(user.post("/api/v1/apps", Map.of("name", name, "llm_ids", List.of(llm),
                "plugin_resources", List.of(selection(ids)))));
        return tokenFor(user, id);
    }

    static String tokenFor(AdminClient client, long app) {
        HttpResult r = client.post("/api/v1/apps/" + app + "/credentials", Map.of());
        assertEquals(201, r.status(), r.toString());
        return r.json().path("token").asText();
    }

    static long created(HttpResult r) {
        assertEquals(201, r.status(), r.toString());
        return r.id();
    }

    String gatewayUrl(String path) {
        return system.gatewayBase().toString().replaceAll("/$", "") + path;
    }

    /** A real MCP client (the SDK's) for {@code path} on the gateway, with {@code token}. */
    McpSyncClient client(String base, String path, String token, List<String> versions,
                         List<McpSchema.ProgressNotification> progress, List<Long> progressArrivals) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    builder.header("Authorization", "Bearer " + token);
                    builder.header("Cookie", "gateway_session=must-not-travel");
                });
        if (versions != null) {
            transport.supportedProtocolVersions(versions);
        }
        McpClient.SyncSpec spec = McpClient.sync(transport.build()).requestTimeout(WAIT).initializationTimeout(WAIT);
        if (progress != null) {
            spec.progressConsumer(p -> {
                progressArrivals.add(System.currentTimeMillis());
                progress.add(p);
            });
        }
        return spec.build();
    }

    McpSyncClient client(String path, String token) {
        return client(system.gatewayBase().toString(), path, token, null, null, null);
    }

    static String text(McpSchema.CallToolResult result) {
        assertNotNull(result);
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content c : result.content()) {
            if (c instanceof McpSchema.TextContent t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    HttpResponse<String> post(String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(WAIT).DELETE()
                .header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}";
    }

    /** The JSON-RPC messages of a response body: one JSON object, or the data of each SSE event. */
    static List<JsonNode> messages(HttpResponse<String> r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("text/event-stream")) {
            for (String event : r.body().split("\r?\n\r?\n")) {
                StringBuilder data = new StringBuilder();
                for (String line : event.split("\r?\n")) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
                if (!data.isEmpty()) {
                    out.add(JSON.readTree(data.toString()));
                }
            }
        } else if (!r.body().isBlank()) {
            out.add(JSON.readTree(r.body()));
        }
        return out;
    }

    static String error(HttpResponse<String> r) throws IOException {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body()).path("error").asText();
    }
}
