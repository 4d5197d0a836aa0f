package io.aigw.studio.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /plugins/mcp/servers/{id}/mcp}: a real MCP client through the gateway to real MCP servers,
 * one at a time.
 */
abstract class PassThroughContract extends McpGatewayContract {

    String serverPath(String id) {
        return "/plugins/mcp/servers/" + id + "/mcp";
    }

    @Test
    void theRegistryIsAGovernedResourceType() {
        JsonNode type = typeOf(pluginId);
        assertEquals("MCP Servers", type.path("name").asText());
        assertTrue(type.path("has_privacy_score").asBoolean() && type.path("supports_submissions").asBoolean());
        assertEquals("mcp-server-selector", type.path("form_component").path("tag").asText(), type.toString());
        assertEquals("ui/webc/mcp-selector.js", type.path("form_component").path("entry_point").asText());

        // a user proposes a server; the admin approves it with a privacy score
        AdminClient user = new AdminClient(system.apiBase(), userKey);
        HttpResult submitted = user.post("/api/v1/submissions", Map.of("resource_type", "plugin",
                "plugin_resource_type_id", typeId, "resource_payload", Map.of("name", "Community Search",
                        "url", "https://search.example.com/mcp", "description", "web search"),
                "suggested_privacy_score", 15, "notes", "useful"));
        assertEquals(201, submitted.status(), submitted.toString());
        HttpResult approved = system.admin().post("/api/v1/submissions/" + submitted.id() + "/approve",
                Map.of("privacy_score", 25));
        assertEquals(200, approved.status(), approved.toString());
        String created = approved.json().path("created_instance_id").asText();
        assertTrue(created.startsWith("community-search-"), created);
        JsonNode listed = null;
        for (JsonNode i : system.admin().get("/api/v1/plugin-resource-types/" + typeId + "/instances").json()) {
            if (i.path("id").asText().equals(created)) {
                listed = i;
            }
        }
        assertNotNull(listed, "the plugin stored it");
        assertEquals(25, listed.path("privacy_score").asInt());
        assertEquals("https://search.example.com/mcp", listed.path("metadata").path("url").asText());
        assertEquals("community-search", listed.path("metadata").path("prefix").asText());

        HttpResult badUrl = user.post("/api/v1/submissions", Map.of("resource_type", "plugin",
                "plugin_resource_type_id", typeId, "resource_payload", Map.of("name", "Bad", "url", "ftp://x/y")));
        HttpResult refused = system.admin().post("/api/v1/submissions/" + badUrl.id() + "/approve",
                Map.of("privacy_score", 5));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.error().contains("http or https"), refused.error());

        // the plugin's own rules on an App's selection: at most max_servers_per_app (3 here), one prefix each
        HttpResult tooMany = user.post("/api/v1/apps", Map.of("name", "greedy", "llm_ids", List.of(llm),
                "plugin_resources", List.of(selection(alphaId, betaId, gammaId, downId))));
        assertEquals(400, tooMany.status(), tooMany.toString());
        assertTrue(tooMany.error().startsWith("an App may hold at most 3 MCP servers"), tooMany.error());
        String alphaTwin = createServer(Map.of("name", "Alpha Mirror", "url", alpha.url(), "privacy_score", 20,
                "prefix", "alpha"));
        HttpResult clash = system.admin().post("/api/v1/apps", Map.of("name", "twins", "llm_ids", List.of(llm),
                "plugin_resources", List.of(selection(alphaId, alphaTwin))));
        assertEquals(400, clash.status(), clash.toString());
        assertTrue(clash.error().contains("share the prefix 'alpha'"), clash.error());
        String sensitive = createServer(Map.of("name", "Payroll", "url", alpha.url(), "privacy_score", 90));
        HttpResult leaky = system.admin().post("/api/v1/apps", Map.of("name", "leaky", "llm_ids", List.of(llm),
                "plugin_resources", List.of(selection(sensitive))));
        assertEquals(400, leaky.status(), "the privacy rule: 90 above the LLM's 60: " + leaky);
    }

    @Test
    void aRealClientCallsToolsOfEachServerItsAppHoldsOnBothProtocolRevisions() {
        for (String version : List.of("2025-06-18", "2025-11-25")) {
            try (McpSyncClient client = client(system.gatewayBase().toString(), serverPath(alphaId), token,
                    List.of(version), null, null)) {
                McpSchema.InitializeResult init = client.initialize();
                assertEquals(version, init.protocolVersion());
                assertEquals("upstream-alpha", init.serverInfo().name(), "the upstream itself answers");
                List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
                assertEquals(List.of("count", "echo", "whoami"), tools.stream().sorted().toList());
                assertEquals("alpha: hi", text(client.callTool(new McpSchema.CallToolRequest("echo",
                        Map.of("text", "hi")))));
                assertEquals("alpha greets Ann", ((McpSchema.TextContent) client.getPrompt(
                        new McpSchema.GetPromptRequest("greeting", Map.of("name", "Ann"))).messages().getFirst()
                        .content()).text());
            }
        }
        try (McpSyncClient client = client(serverPath(betaId), token)) {
            client.initialize();
            assertEquals("beta: there", text(client.callTool(new McpSchema.CallToolRequest("echo",
                    Map.of("text", "there")))));
        }
    }

    @Test
    void theUpstreamGetsTheServersCredentialAndNeverTheClientsTokenOrCookies() {
        try (McpSyncClient client = client(serverPath(betaId), token)) {
            client.initialize();
            String seen = text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())));
            assertTrue(seen.contains("x-upstream-key=" + BETA_SECRET + "\n"), seen);
            assertFalse(seen.contains("authorization="), "the gateway token stays at the gateway: " + seen);
            assertFalse(seen.contains("cookie="), seen);
            assertFalse(seen.contains(token), seen);
            assertTrue(seen.contains("mcp-session-id="), "MCP's headers do travel: " + seen);
            assertTrue(seen.contains("mcp-protocol-version="), seen);
        }
        try (McpSyncClient client = client(serverPath(alphaId), token)) {
            client.initialize();
            String seen = text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())));
            assertFalse(seen.contains("x-upstream-key"), "alpha has no upstream auth: " + seen);
        }
        for (UpstreamMcpServer s : List.of(alpha, beta)) {
            for (UpstreamMcpServer.Seen r : s.requests()) {
                assertNull(r.header("authorization"), r.toString());
                assertNull(r.header("cookie"), r.toString());
            }
        }
        // nor does the secret show anywhere the API describes the server
        String described = system.admin().get("/api/v1/plugin-resource-types/" + typeId + "/instances").body()
                + system.admin().get("/api/v1/apps/" + app + "/plugin-resources").body()
                + system.admin().get("/api/v1/plugins/" + pluginId).body();
        assertFalse(described.contains(BETA_SECRET), described);
        assertTrue(described.contains("\"auth_header\":\"X-Upstream-Key\""), described);
    }

    @Test
    void progressNotificationsReachTheClientWhileTheToolStillRuns() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(system.gatewayBase().toString(), serverPath(alphaId), token, null,
                progress, arrivals)) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("count",
                    Map.of("n", 4, "interval_ms", 400), Map.of("progressToken", "p-1")));
            long resultAt = System.currentTimeMillis();
            String text = text(result);
            assertTrue(text.startsWith("counted 4"), text);
            assertProgressedIncrementally(progress, arrivals, text, resultAt);
        }
    }

    /**
     * Incremental, not buffered: every notification arrived, in order, and the first reached the
     * client before the upstream finished the tool (its clock, in the result; the gap is three
     * intervals of the tool's sleep, so a loaded machine does not blur it).
     */
    static void assertProgressedIncrementally(List<McpSchema.ProgressNotification> progress, List<Long> arrivals,
                                              String resultText, long resultAt) {
        assertEquals(4, progress.size(), progress.toString());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i).progress(), 0.0, "in order: " + progress);
        }
        long finishedAt = Long.parseLong(resultText.replaceAll(".*finished_at_ms=(\\d+).*", "$1"));
        assertTrue(arrivals.getFirst() < finishedAt, "the first progress arrived " + (arrivals.getFirst() - finishedAt)
                + " ms after the tool finished");
        assertTrue(arrivals.getLast() <= resultAt, "progress before the result");
    }

    @Test
    void aServerTheAppDoesNotHoldIsRefusedAndAnUnknownOneIsNotFound() throws Exception {
        HttpResponse<String> notHeld = post(serverPath(gammaId), token, initializeBody("2025-11-25"), Map.of());
        assertEquals(403, notHeld.statusCode(), notHeld.body());
        assertTrue(error(notHeld).contains("not one of this App's servers"), notHeld.body());
        assertTrue(gamma.requests().isEmpty(), "gamma was never called");

        HttpResponse<String> unknown = post(serverPath("nope-abc123"), token, initializeBody("2025-11-25"), Map.of());
        assertEquals(404, unknown.statusCode(), unknown.body());
        error(unknown);

        HttpResponse<String> anonymous = post(serverPath(alphaId), null, initializeBody("2025-11-25"), Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl("/plugins/mcp/servers")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode servers = JSON.readTree(listed.body()).path("servers");
        assertEquals(List.of(alphaId, betaId), servers.findValuesAsText("id"), listed.body());
        assertEquals(serverPath(alphaId), servers.get(0).path("endpoint").asText());
    }

    @Test
    void deleteEndsTheUpstreamSessionAndTheUpstreamsAnswersPassThrough() throws Exception {
        HttpResponse<String> init = post(serverPath(alphaId), token, initializeBody("2025-11-25"), Map.of());
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElse(null);
        assertNotNull(session, "the upstream's session id comes back: " + init.headers());
        assertEquals("upstream-alpha", messages(init).getFirst().path("result").path("serverInfo").path("name").asText());
        Map<String, String> inSession = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        assertEquals(202, post(serverPath(alphaId), token,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", inSession).statusCode());
        HttpResponse<String> listed = post(serverPath(alphaId), token,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", inSession);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(3, messages(listed).getFirst().path("result").path("tools").size(), listed.body());

        HttpResponse<String> deleted = delete(serverPath(alphaId), token, inSession);
        assertTrue(deleted.statusCode() == 200 || deleted.statusCode() == 204, deleted.statusCode() + " " + deleted.body());
        assertTrue(alpha.requests().stream().anyMatch(r -> r.method().equals("DELETE")
                && session.equals(r.header("mcp-session-id"))), "the upstream got the DELETE");
        HttpResponse<String> after = post(serverPath(alphaId), token,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", inSession);
        assertEquals(404, after.statusCode(), "the upstream's answer for an ended session passes through: "
                + after.body());
    }

    @Test
    void theNewerRevisionsRequestHeadersReachTheUpstream() throws Exception {
        HttpResponse<String> init = post(serverPath(alphaId), token, initializeBody("2025-11-25"), Map.of());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> call = post(serverPath(alphaId), token,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}",
                Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "tools/call",
                        "Mcp-Name", "whoami", "Mcp-Param-Region", "eu-west"));
        assertEquals(200, call.statusCode(), call.body());
        String seen = messages(call).getLast().path("result").path("content").get(0).path("text").asText();
        assertTrue(seen.contains("mcp-method=tools/call\n") && seen.contains("mcp-name=whoami\n")
                && seen.contains("mcp-param-region=eu-west\n"), seen);
    }

    @Test
    void anUnreachableUpstreamIsACleanErrorAndTheOthersKeepWorking() throws Exception {
        String both = appWith("with-a-dead-server", alphaId, downId);
        HttpResponse<String> r = post(serverPath(downId), both, initializeBody("2025-11-25"), Map.of());
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(error(r).contains("'Down' is unreachable"), r.body());
        try (McpSyncClient client = client(serverPath(alphaId), both)) {
            client.initialize();
            assertEquals("alpha: still", text(client.callTool(new McpSchema.CallToolRequest("echo",
                    Map.of("text", "still")))));
        }
    }

    @Test
    void theServerStreamRelaysWhatTheUpstreamSendsUnprompted() throws Exception {
        HttpResponse<String> init = post(serverPath(alphaId), token, initializeBody("2025-11-25"), Map.of());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(serverPath(alphaId), token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"));
        CompletableFuture<HttpResponse<InputStream>> opened = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(gatewayUrl(serverPath(alphaId)))).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        // the upstream sends headers with its first event: announce changes until the stream is there
        long until = System.nanoTime() + WAIT.toNanos();
        while (!opened.isDone() && System.nanoTime() < until) {
            alpha.toolsChanged();
            Thread.sleep(100);
        }
        HttpResponse<InputStream> stream = opened.get(1, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (InputStream body = stream.body()) {
            String first = readEvent(body);
            assertTrue(first.contains("notifications/tools/list_changed"), first);
        }
    }

    @Test
    void aClientThatGoesAwayEndsTheUpstreamRequest() throws Exception {
        try (TickingUpstream ticker = new TickingUpstream()) {
            String id = createServer(Map.of("name", "Ticker", "url", ticker.url(), "privacy_score", 5));
            HttpResult granted = system.admin().send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                    Map.of("resources", List.of(Map.of("plugin_id", pluginId, "resource_type_slug", TYPE,
                            "instance_ids", List.of(alphaId, betaId, gammaId, downId, id)))));
            assertEquals(200, granted.status(), granted.toString());
            String ticking = appWith("ticking", id);
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl(serverPath(id))))
                    .timeout(WAIT).header("Authorization", "Bearer " + ticking)
                    .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                            + "\"params\":{\"name\":\"tick\"}}")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            InputStream body = r.body();
            assertTrue(readEvent(body).contains("notifications/message"), "events flow");
            assertEquals(1, ticker.abandoned.getCount(), "the upstream is still streaming");
            body.close(); // the client goes away
            assertTrue(ticker.abandoned.await(WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the gateway closed its request to the upstream");
        }
    }

    /** One SSE event's text (up to its blank line), skipping comment-only blocks. */
    static String readEvent(InputStream in) throws java.io.IOException {
        while (true) {
            StringBuilder event = new StringBuilder();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (line.isEmpty()) {
                        break;
                    }
                    event.append(line).append('\n');
                    line.setLength(0);
                } else if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (b == -1 || !event.toString().lines().allMatch(l -> l.startsWith(":"))) {
                return event.toString();
            }
        }
    }

    /** A server registered at {@code upstream}, an App holding only it, and that App's token. */
    private record Held(String serverId, long app, String token) {
    }

    /** Registers {@code upstream} as server {@code prefix}, held by a new App of its own. */
    private Held heldByAnApp(String prefix, UpstreamMcpServer upstream) {
        String id = createServer(Map.of("name", prefix, "url", upstream.url(), "privacy_score", 20, "prefix", prefix));
        long app = created(system.admin().post("/api/v1/apps", Map.of("name", prefix + "-app",
                "llm_ids", List.of(llm), "plugin_resources", List.of(selection(id)))));
        return new Held(id, app, tokenFor(system.admin(), app));
    }

    @Test
    void anEditAndADeactivationThroughThePluginsUiReachTheGatewayWithoutAnAppSave() throws Exception {
        try (UpstreamMcpServer before = new UpstreamMcpServer("before");
             UpstreamMcpServer after = new UpstreamMcpServer("after")) {
            Held held = heldByAnApp("movable", before);
            String id = held.serverId();
            long movable = held.app();
            String appToken = held.token();
            assertEquals("upstream-before", serverName(id, appToken));

            // the admin page's RPC edits the server; the App is not saved, and the RPC's answer
            // comes once every gateway has been sent the App's new copy
            HttpResult edited = system.admin().post("/api/v1/plugins/" + pluginId + "/ui/rpc/edit",
                    Map.of("id", id, "url", after.url()));
            assertEquals(200, edited.status(), edited.toString());
            assertEquals("upstream-after", serverName(id, appToken), "the edited URL is used");
            assertEquals(after.url(), system.admin().get("/api/v1/apps/" + movable + "/plugin-resources").json()
                    .findValue("metadata").path("url").asText());

            HttpResult deactivated = system.admin().post("/api/v1/plugins/" + pluginId + "/ui/rpc/deactivate",
                    Map.of("id", id));
            assertEquals(200, deactivated.status(), deactivated.toString());
            int calls = after.requests().size();
            HttpResponse<String> refused = post(serverPath(id), appToken, initializeBody("2025-11-25"), Map.of());
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals(calls, after.requests().size(), "a deactivated server is not called");

            HttpResult activated = system.admin().post("/api/v1/plugins/" + pluginId + "/ui/rpc/activate",
                    Map.of("id", id));
            assertEquals(200, activated.status(), activated.toString());
            assertEquals("upstream-after", serverName(id, appToken));
        }
    }

    @Test
    void aChangeTheControlPlaneDidNotMakeIsPickedUpByThePeriodicRefresh() throws Exception {
        try (UpstreamMcpServer before = new UpstreamMcpServer("old-home");
             UpstreamMcpServer after = new UpstreamMcpServer("new-home")) {
            Held held = heldByAnApp("wanderer", before);
            String id = held.serverId();
            long app = held.app();
            String appToken = held.token();
            assertEquals("upstream-old-home", serverName(id, appToken));
            // behind the control plane's back: the plugin's own record of the server, in its store
            try (var c = system.studio().dataSource().getConnection();
                 var ps = c.prepareStatement("update plugin_store set value = convert_to(replace(convert_from(value, "
                         + "'UTF8'), ?, ?), 'UTF8') where plugin_id = ? and key = ?")) {
                ps.setString(1, before.url());
                ps.setString(2, after.url());
                ps.setLong(3, pluginId);
                ps.setString(4, "servers/" + id);
                assertEquals(1, ps.executeUpdate());
            }
            String[] seen = {null};
            assertTrue(TestSystem.await(WAIT, () -> "upstream-new-home".equals(seen[0] = serverName(id, appToken))),
                    "within INSTANCE_REFRESH_INTERVAL the App's copy follows: " + seen[0]);
        }
    }

    /** The name the server behind {@code id}'s pass-through gives at initialize, or null when it cannot be reached. */
    String serverName(String id, String appToken) {
        try {
            HttpResponse<String> init = post(serverPath(id), appToken, initializeBody("2025-11-25"), Map.of());
            if (init.statusCode() != 200) {
                return "HTTP " + init.statusCode() + ": " + init.body();
            }
            return messages(init).getFirst().path("result").path("serverInfo").path("name").asText();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
