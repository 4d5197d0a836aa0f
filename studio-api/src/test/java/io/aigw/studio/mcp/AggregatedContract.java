package io.aigw.studio.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.studio.testing.TestSystem;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /plugins/mcp/mcp}: one MCP server fronting every server the App holds, with a real MCP
 * client and real MCP servers.
 */
abstract class AggregatedContract extends McpGatewayContract {

    static final String MCP = "/plugins/mcp/mcp";

    @Test
    void twoUpstreamsAppearAsOneServerWithPrefixedNamesOnBothRevisions() {
        for (String version : List.of("2025-06-18", "2025-11-25")) {
            try (McpSyncClient client = client(system.gatewayBase().toString(), MCP, token, List.of(version), null,
                    null)) {
                McpSchema.InitializeResult init = client.initialize();
                assertEquals(version, init.protocolVersion());
                assertEquals("aigw-mcp-gateway", init.serverInfo().name());
                assertNotNull(init.capabilities().tools(), init.toString());

                List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
                assertEquals(List.of("alpha__count", "alpha__echo", "alpha__whoami", "beta__count", "beta__echo",
                        "beta__whoami"), tools, "gamma, not in the App, is invisible");
                assertEquals("alpha: one", text(client.callTool(new McpSchema.CallToolRequest("alpha__echo",
                        Map.of("text", "one")))));
                assertEquals("beta: two", text(client.callTool(new McpSchema.CallToolRequest("beta__echo",
                        Map.of("text", "two")))));

                List<String> prompts = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).sorted()
                        .toList();
                assertEquals(List.of("alpha__greeting", "beta__greeting"), prompts);
                McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("beta__greeting",
                        Map.of("name", "Bo")));
                assertEquals("beta greets Bo", ((McpSchema.TextContent) prompt.messages().getFirst().content()).text());

                List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).sorted()
                        .toList();
                assertEquals(List.of("alpha+docs://alpha/readme", "beta+docs://beta/readme"), uris);
                McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(
                        "beta+docs://beta/readme"));
                McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().getFirst();
                assertEquals("the readme of beta", contents.text());
                assertEquals("beta+docs://beta/readme", contents.uri());
            }
        }
    }

    @Test
    void eachUpstreamGetsItsOwnCredentialAndNeverTheClientsToken() {
        try (McpSyncClient client = client(MCP, token)) {
            client.initialize();
            String beta = text(client.callTool(new McpSchema.CallToolRequest("beta__whoami", Map.of())));
            assertTrue(beta.contains("x-upstream-key=" + BETA_SECRET + "\n"), beta);
            String alpha = text(client.callTool(new McpSchema.CallToolRequest("alpha__whoami", Map.of())));
            assertFalse(alpha.contains("x-upstream-key"), alpha);
            for (String seen : List.of(alpha, beta)) {
                assertFalse(seen.contains("authorization=") || seen.contains("cookie=") || seen.contains(token), seen);
            }
        }
    }

    @Test
    void progressNotificationsReachTheClientWhileTheToolStillRuns() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(system.gatewayBase().toString(), MCP, token, null, progress, arrivals)) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("beta__count",
                    Map.of("n", 4, "interval_ms", 400), Map.of("progressToken", "agg-1")));
            long resultAt = System.currentTimeMillis();
            PassThroughContract.assertProgressedIncrementally(progress, arrivals, text(result), resultAt);
            assertEquals("agg-1", progress.getFirst().progressToken());
        }
    }

    @Test
    void aServerTheAppDoesNotHoldCannotBeCalled() throws Exception {
        try (McpSyncClient client = client(MCP, token)) {
            client.initialize();
            McpError refused = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest(
                    "gamma__echo", Map.of("text", "x"))));
            assertTrue(refused.getMessage().contains("unknown tool 'gamma__echo'"), refused.getMessage());
        }
        assertTrue(gamma.requests().isEmpty(), "gamma was never called");
    }

    @Test
    void anUpstreamsRequestToTheClientFindsItsWayBack() throws Exception {
        try (UpstreamMcpServer epsilon = new UpstreamMcpServer("epsilon", true)) {
            String id = createServer(Map.of("name", "Epsilon", "url", epsilon.url(), "privacy_score", 5));
            grantAlso(id);
            String app = appWith("asking", alphaId, id);
            List<String> asked = new CopyOnWriteArrayList<>();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder(system.gatewayBase().toString()).endpoint(MCP)
                    .httpRequestCustomizer((b, method, uri, body, context) -> b.header("Authorization", "Bearer " + app))
                    .build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT)
                    .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                    .sampling(request -> {
                        asked.add(((McpSchema.TextContent) request.messages().getFirst().content()).text());
                        return McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT,
                                new McpSchema.TextContent("forty-two"), "test-model").build();
                    }).build()) {
                client.initialize();
                String answer = text(client.callTool(new McpSchema.CallToolRequest("epsilon__ask",
                        Map.of("question", "the meaning of it all?"))));
                assertEquals("epsilon was told: forty-two", answer);
                assertEquals(List.of("the meaning of it all?"), asked, "the client's LLM was asked once");
            }
        }
    }

    @Test
    void forgedAlteredAndOtherAppsSessionsAreNotFound() throws Exception {
        String session = initialize(token);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        assertEquals(200, post(MCP, token, list, inSession(session)).statusCode(), "the real one works");

        HttpResponse<String> forged = post(MCP, token, list, inSession("bm90LWEtcmVhbC1zZXNzaW9uLWF0LWFsbA"));
        assertEquals(404, forged.statusCode(), forged.body());
        assertTrue(error(forged).contains("initialize again"), forged.body());

        char last = session.charAt(session.length() - 5);
        String altered = session.substring(0, session.length() - 5) + (last == 'A' ? 'B' : 'A')
                + session.substring(session.length() - 4);
        assertEquals(404, post(MCP, token, list, inSession(altered)).statusCode(), "one character changed");

        String otherApp = appWith("other-app", alphaId);
        HttpResponse<String> stolen = post(MCP, otherApp, list, inSession(session));
        assertEquals(404, stolen.statusCode(), "another App's token cannot continue this App's session");

        HttpResponse<String> none = post(MCP, token, list, Map.of());
        assertEquals(400, none.statusCode(), none.body());
    }

    @Test
    void theStatelessRevisionIsSpokenWithoutSessions() throws Exception {
        HttpResponse<String> discover = modern(1, "server/discover", "{}", null);
        assertEquals(200, discover.statusCode(), discover.body());
        assertTrue(discover.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session in 2026-07-28");
        JsonNode found = messages(discover).getFirst().path("result");
        assertEquals(List.of("2025-06-18", "2025-11-25", "2026-07-28"), strings(found.path("supportedVersions")));
        assertEquals("complete", found.path("resultType").asText(), found.toString());

        int alphaSessions = alpha.sessions().size();
        HttpResponse<String> listed = modern(2, "tools/list", "{}", null);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode result = messages(listed).getFirst().path("result");
        assertEquals(List.of("alpha__count", "alpha__echo", "alpha__whoami", "beta__count", "beta__echo",
                "beta__whoami"), result.path("tools").findValuesAsText("name").stream().sorted().toList());
        assertEquals("complete", result.path("resultType").asText());
        assertEquals("private", result.path("cacheScope").asText(), "an App's list is no one else's");
        assertTrue(result.has("ttlMs"), result.toString());

        HttpResponse<String> called = modern(3, "tools/call", "{\"name\":\"alpha__echo\",\"arguments\":"
                + "{\"text\":\"stateless\"}}", "alpha__echo");
        assertEquals(200, called.statusCode(), called.body());
        JsonNode answer = messages(called).getLast().path("result");
        assertEquals("alpha: stateless", answer.path("content").get(0).path("text").asText(), called.body());
        assertEquals("complete", answer.path("resultType").asText());

        HttpResponse<String> counted = modern(4, "tools/call", "{\"name\":\"beta__count\",\"arguments\":{\"n\":3,"
                + "\"interval_ms\":200},\"_meta\":{\"progressToken\":\"m-1\"}}", "beta__count");
        List<JsonNode> stream = messages(counted);
        assertEquals(List.of("notifications/progress", "notifications/progress", "notifications/progress", ""),
                stream.stream().map(m -> m.path("method").asText()).toList(), "progress first, then the result: "
                        + counted.body());
        assertTrue(stream.getLast().path("result").path("content").get(0).path("text").asText().startsWith("counted 3"));

        // each request's upstream sessions were its own, and are over
        List<String> used = alpha.sessions().subList(alphaSessions, alpha.sessions().size());
        assertEquals(2, used.size(), "one per request that needed alpha (the list, the echo): " + used);
        assertTrue(TestSystem.await(WAIT, () -> used.stream().allMatch(alpha::deleted)), "all ended");

        HttpResponse<String> mismatch = modern(5, "tools/call", "{\"name\":\"alpha__echo\",\"arguments\":{}}",
                "alpha__count");
        assertEquals(400, mismatch.statusCode(), mismatch.body());
        assertEquals(-32020, JSON.readTree(mismatch.body()).path("error").path("code").asInt(), mismatch.body());

        HttpResponse<String> future = post(MCP, token, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}",
                Map.of("MCP-Protocol-Version", "2030-01-01", "Mcp-Method", "tools/list"));
        assertEquals(400, future.statusCode(), future.body());
        JsonNode unsupported = JSON.readTree(future.body()).path("error");
        assertEquals(-32022, unsupported.path("code").asInt(), future.body());
        assertTrue(strings(unsupported.path("data").path("supported")).contains("2026-07-28"), future.body());

        assertEquals(405, raw("GET", gatewayUrl(MCP), token, null, Map.of("MCP-Protocol-Version", "2026-07-28"))
                .statusCode(), "no GET stream in 2026-07-28");
    }

    /** A 2026-07-28 request: its revision and capabilities in _meta, mirrored in the headers. */
    HttpResponse<String> modern(int id, String method, String params, String name) throws Exception {
        return modernAs(token, id, method, params, name, "{}");
    }

    /** {@link #modern} with another App's token and the client capabilities {@code capabilities} (JSON). */
    HttpResponse<String> modernAs(String token, int id, String method, String params, String name,
                                  String capabilities) throws Exception {
        return post(MCP, token, modernBody(id, method, params, capabilities), modernHeaders(method, name));
    }

    static String modernBody(int id, String method, String params, String capabilities) throws IOException {
        ObjectNode p = (ObjectNode) JSON.readTree(params);
        p.with("_meta").put("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                .set("io.modelcontextprotocol/clientCapabilities", JSON.readTree(capabilities));
        return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method)
                .set("params", p).toString();
    }

    static Map<String, String> modernHeaders(String method, String name) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", method));
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        return headers;
    }

    @Test
    void theMergedServerStreamCarriesWhatEveryUpstreamSendsUnprompted() throws Exception {
        String session = initialize(token);
        HttpResponse<String> subscribed = post(MCP, token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                + "\"resources/subscribe\",\"params\":{\"uri\":\"beta+docs://beta/readme\"}}", inSession(session));
        assertEquals(200, subscribed.statusCode(), subscribed.body());
        assertFalse(messages(subscribed).getLast().has("error"), subscribed.body());

        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl(MCP)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        assertTrue(get.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> seen = collect(get.body());
        try {
            assertTrue(announceUntilRelayed(seen), "alpha's tools change and beta's readme update both arrive "
                    + "through the gateway's one stream, beta's URI prefixed: " + seen);
        } finally {
            get.body().close();
        }
    }

    @Test
    void subscriptionsListenRelaysEachUpstreamsChangesUntilTheClientLeaves() throws Exception {
        int alphaBefore = alpha.sessions().size();
        int betaBefore = beta.sessions().size();
        String body = modernBody(7, "subscriptions/listen", "{\"notifications\":{\"toolsListChanged\":true,"
                + "\"promptsListChanged\":true,\"resourceSubscriptions\":[\"beta+docs://beta/readme\","
                + "\"gamma+docs://gamma/readme\"]}}", "{}");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrl(MCP)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        modernHeaders("subscriptions/listen", null).forEach(b::header);
        HttpResponse<InputStream> listen = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, listen.statusCode());
        assertTrue(listen.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        InputStream events = listen.body();
        try {
            JsonNode ack = JSON.readTree(data(PassThroughContract.readEvent(events)));
            assertEquals("notifications/subscriptions/acknowledged", ack.path("method").asText(), ack.toString());
            assertEquals(7, ack.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asInt(),
                    ack.toString());
            assertEquals(JSON.readTree("{\"toolsListChanged\":true,\"promptsListChanged\":true,"
                    + "\"resourceSubscriptions\":[\"beta+docs://beta/readme\"]}"), ack.path("params").path("notifications"),
                    "gamma is not in the App, so its readme is not agreed to: " + ack);
            List<String> alphaSessions = alpha.sessions().subList(alphaBefore, alpha.sessions().size());
            List<String> betaSessions = beta.sessions().subList(betaBefore, beta.sessions().size());
            assertEquals(1, alphaSessions.size(), "one upstream session each for the listen: " + alphaSessions);
            assertEquals(1, betaSessions.size(), betaSessions.toString());

            List<JsonNode> seen = collect(events);
            assertTrue(announceUntilRelayed(seen), "alpha's tools change and beta's (prefixed) readme update arrive: "
                    + seen);
            for (JsonNode n : seen) {
                assertEquals(7, n.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asInt(),
                        "every notification names its subscription: " + n);
                assertTrue(List.of("notifications/tools/list_changed", "notifications/resources/updated")
                        .contains(n.path("method").asText()), "only what was asked for: " + n);
            }
            events.close(); // the client goes away
            assertTrue(TestSystem.await(WAIT, () -> alpha.deleted(alphaSessions.getFirst())
                    && beta.deleted(betaSessions.getFirst())), "the listen's upstream sessions were ended");
        } finally {
            events.close();
        }
    }

    @Test
    void anUpstreamsQuestionReachesAStatelessClientAsInputRequired() throws Exception {
        try (UpstreamMcpServer epsilon = new UpstreamMcpServer("epsilon", true)) {
            String id = createServer(Map.of("name", "Epsilon", "url", epsilon.url(), "privacy_score", 5));
            grantAlso(id);
            String app = appWith("asking-statelessly", id);
            String ask = "{\"name\":\"epsilon__ask\",\"arguments\":{\"question\":\"the meaning of it all?\"}}";
            String sampling = "{\"sampling\":{}}";

            HttpResponse<String> first = modernAs(app, 1, "tools/call", ask, "epsilon__ask", sampling);
            assertEquals(200, first.statusCode(), first.body());
            JsonNode asked = messages(first).getLast();
            assertEquals(1, asked.path("id").asInt(), first.body());
            JsonNode required = asked.path("result");
            assertEquals("input_required", required.path("resultType").asText(), first.body());
            assertEquals(1, required.path("inputRequests").size(), first.body());
            String key = required.path("inputRequests").fieldNames().next();
            JsonNode question = required.path("inputRequests").path(key);
            assertEquals("sampling/createMessage", question.path("method").asText(), first.body());
            assertEquals("the meaning of it all?", question.path("params").path("messages").get(0).path("content")
                    .path("text").asText(), first.body());
            String state = required.path("requestState").asText();
            assertFalse(state.isEmpty(), first.body());

            String answers = "{\"" + key + "\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":"
                    + "\"forty-two\"},\"model\":\"test-model\",\"stopReason\":\"endTurn\"}}";
            char c = state.charAt(state.length() / 2);
            String tampered = state.substring(0, state.length() / 2) + (c == 'A' ? 'B' : 'A')
                    + state.substring(state.length() / 2 + 1);
            HttpResponse<String> forged = modernAs(app, 2, "tools/call", retry(ask, answers, tampered), "epsilon__ask",
                    sampling);
            assertEquals(-32602, messages(forged).getLast().path("error").path("code").asInt(),
                    "an altered requestState is refused: " + forged.body());
            String other = "{\"name\":\"epsilon__ask\",\"arguments\":{\"question\":\"something else?\"}}";
            HttpResponse<String> elsewhere = modernAs(app, 3, "tools/call", retry(other, answers, state),
                    "epsilon__ask", sampling);
            assertEquals(-32602, messages(elsewhere).getLast().path("error").path("code").asInt(),
                    "a requestState only continues the request it was given for: " + elsewhere.body());
            HttpResponse<String> stolen = modernAs(token, 4, "tools/call", retry(ask, answers, state), "epsilon__ask",
                    sampling);
            assertEquals(-32602, messages(stolen).getLast().path("error").path("code").asInt(),
                    "nor for another App: " + stolen.body());

            HttpResponse<String> done = modernAs(app, 5, "tools/call", retry(ask, answers, state), "epsilon__ask",
                    sampling);
            assertEquals(200, done.statusCode(), done.body());
            JsonNode result = messages(done).getLast();
            assertEquals(5, result.path("id").asInt(), done.body());
            assertEquals("complete", result.path("result").path("resultType").asText(), done.body());
            assertEquals("epsilon was told: forty-two", result.path("result").path("content").get(0).path("text")
                    .asText(), done.body());
            HttpResponse<String> again = modernAs(app, 6, "tools/call", retry(ask, answers, state), "epsilon__ask",
                    sampling);
            assertTrue(messages(again).getLast().has("error"), "an answered call is over: " + again.body());

            String confirm = "{\"name\":\"epsilon__confirm\",\"arguments\":{\"what\":\"the order\"}}";
            HttpResponse<String> asking = modernAs(app, 7, "tools/call", confirm, "epsilon__confirm",
                    "{\"elicitation\":{}}");
            JsonNode form = messages(asking).getLast().path("result");
            assertEquals("input_required", form.path("resultType").asText(), asking.body());
            String formKey = form.path("inputRequests").fieldNames().next();
            assertEquals("elicitation/create", form.path("inputRequests").path(formKey).path("method").asText());
            assertEquals("Confirm the order?", form.path("inputRequests").path(formKey).path("params")
                    .path("message").asText(), asking.body());
            HttpResponse<String> confirmed = modernAs(app, 8, "tools/call", retry(confirm, "{\"" + formKey
                    + "\":{\"action\":\"accept\",\"content\":{\"ok\":true}}}", form.path("requestState").asText()),
                    "epsilon__confirm", "{\"elicitation\":{}}");
            assertEquals("epsilon got accept {ok=true}", messages(confirmed).getLast().path("result").path("content")
                    .get(0).path("text").asText(), confirmed.body());
        }
    }

    /** The params of a retry: the original ones with the client's answers and the state echoed. */
    static String retry(String params, String inputResponses, String requestState) throws IOException {
        ObjectNode p = (ObjectNode) JSON.readTree(params);
        p.set("inputResponses", JSON.readTree(inputResponses));
        p.put("requestState", requestState);
        return p.toString();
    }

    /** Reads SSE events off {@code in} on a thread of its own into the returned list, as JSON-RPC messages. */
    static List<JsonNode> collect(InputStream in) {
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                for (String event = PassThroughContract.readEvent(in); !event.isEmpty();
                     event = PassThroughContract.readEvent(in)) {
                    String data = data(event);
                    if (data != null) {
                        seen.add(JSON.readTree(data));
                    }
                }
            } catch (IOException e) {
                // the test closed the stream
            }
        });
        return seen;
    }

    static String data(String event) {
        StringBuilder data = null;
        for (String line : event.split("\n")) {
            if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
            }
        }
        return data == null ? null : data.toString();
    }

    /**
     * Has alpha change its tools and beta update its readme until both notifications are in
     * {@code seen}, beta's URI prefixed (an upstream opens its GET stream with its first event, so
     * the first announcements may go nowhere); false if they never arrive.
     */
    private boolean announceUntilRelayed(List<JsonNode> seen) {
        return TestSystem.await(WAIT, () -> {
            alpha.toolsChanged();
            beta.readmeUpdated();
            return has(seen, "notifications/tools/list_changed", null)
                    && has(seen, "notifications/resources/updated", "beta+docs://beta/readme");
        });
    }

    static boolean has(List<JsonNode> seen, String method, String uri) {
        return seen.stream().anyMatch(n -> n.path("method").asText().equals(method)
                && (uri == null || uri.equals(n.path("params").path("uri").asText())));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void deleteEndsEveryUpstreamSession() throws Exception {
        int alphaBefore = alpha.sessions().size();
        int betaBefore = beta.sessions().size();
        String session = initialize(token);
        List<String> upstreamSessions = new java.util.ArrayList<>(alpha.sessions().subList(alphaBefore,
                alpha.sessions().size()));
        upstreamSessions.addAll(beta.sessions().subList(betaBefore, beta.sessions().size()));
        assertEquals(2, upstreamSessions.size(), "one upstream session each: " + upstreamSessions);
        assertFalse(session.contains(upstreamSessions.get(0)), "the upstream ids are sealed, not shown");
        HttpResponse<String> deleted = delete(MCP, token, inSession(session));
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(alpha.deleted(upstreamSessions.get(0)), "alpha's session was ended");
        assertTrue(beta.deleted(upstreamSessions.get(1)), "beta's session was ended");
        HttpResponse<String> after = post(MCP, token, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                inSession(session));
        assertEquals(404, after.statusCode(), "the session is over: " + after.body());
    }

    @Test
    void anUpstreamThatFailsIsReportedAndTheOthersKeepWorking() throws Exception {
        UpstreamMcpServer delta = new UpstreamMcpServer("delta");
        String deltaId = createServer(Map.of("name", "Delta", "url", delta.url(), "privacy_score", 5));
        grantAlso(deltaId, downId);
        String app = appWith("partly-down", alphaId, deltaId, downId);
        try (McpSyncClient client = client(MCP, app)) {
            McpSchema.InitializeResult init = client.initialize();
            String upstreams = String.valueOf(init.meta());
            assertTrue(upstreams.contains("'Down' unreachable"), "the dead one is named: " + upstreams);
            assertEquals(List.of("alpha__count", "alpha__echo", "alpha__whoami", "delta__count", "delta__echo",
                    "delta__whoami"), client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList());

            String session = initialize(app); // a second session, read raw below
            delta.close(); // dies mid-session
            assertEquals(List.of("alpha__count", "alpha__echo", "alpha__whoami"),
                    client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList());
            HttpResponse<String> raw = post(MCP, app, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}",
                    inSession(session));
            JsonNode failedOnes = messages(raw).getFirst().path("result").path("_meta").path("io.aigw/failed");
            assertEquals("Delta", failedOnes.path(0).path("name").asText(), "named as failed: " + raw.body());
            McpError failed = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest(
                    "delta__echo", Map.of("text", "x"))));
            assertTrue(failed.getMessage().contains("'Delta'"), failed.getMessage());
            assertEquals("alpha: fine", text(client.callTool(new McpSchema.CallToolRequest("alpha__echo",
                    Map.of("text", "fine")))));
        } finally {
            delta.close();
        }
    }

    @Test
    void aSessionStartedOnOneEdgeContinuesOnAnother() throws Exception {
        // one after the other: two plugin processes starting at once on a small box may miss the
        // handshake time
        try (Edge one = startEdge("edge-one"); Edge two = awaitServing(one) ? startEdge("edge-two") : null) {
            String base1 = "http://127.0.0.1:" + one.port();
            String base2 = "http://127.0.0.1:" + two.port();
            assertTrue(awaitServing(two), "the second edge serves the plugin");
            HttpResponse<String> init = raw("POST", base1 + MCP, token, initializeBody("2025-11-25"), Map.of());
            assertEquals(200, init.statusCode(), init.body());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            JsonNode upstreams = messages(init).getFirst().path("result").path("_meta").path("io.aigw/upstreams");
            assertTrue(upstreams.toString().contains("\"joined\":true"), upstreams.toString());
            // the edge's plugin reads beta's credential from the control plane's store: both join
            assertFalse(upstreams.toString().contains("\"joined\":false"), upstreams.toString());

            // and the pass-through on the other edge hands beta its header
            try (McpSyncClient client = client(base2, "/plugins/mcp/servers/" + betaId + "/mcp", token, null, null,
                    null)) {
                client.initialize();
                String seen = text(client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())));
                assertTrue(seen.contains("x-upstream-key=" + BETA_SECRET + "\n"), seen);
                assertFalse(seen.contains("authorization="), seen);
            }

            HttpResponse<String> call = raw("POST", base2 + MCP, token, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"alpha__echo\",\"arguments\":{\"text\":\"elsewhere\"}}}",
                    inSession(session));
            assertEquals(200, call.statusCode(), call.body());
            assertEquals("alpha: elsewhere", messages(call).getLast().path("result").path("content").get(0)
                    .path("text").asText(), call.body());
            HttpResponse<String> ended = raw("DELETE", gatewayUrl(MCP), token, null, inSession(session));
            assertEquals(200, ended.statusCode(), "and ends on the control plane's own gateway");
        }
        // an edge that cannot reach its control plane serves what it persisted; a server whose
        // credential is in the store it cannot reach is a clean 503, the others work
        try (Edge cut = startEdge("edge-one", "http://127.0.0.1:" + TestSystem.freePort())) {
            String base = "http://127.0.0.1:" + cut.port();
            assertTrue(TestSystem.await(WAIT, () -> status(base + "/plugins/mcp/servers", token) == 200),
                    "the cut-off edge serves its persisted config");
            HttpResponse<String> refused = raw("POST", base + "/plugins/mcp/servers/" + betaId + "/mcp", token,
                    initializeBody("2025-11-25"), Map.of());
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(error(refused).contains("plugin store"), refused.body());
            HttpResponse<String> alphaOk = raw("POST", base + "/plugins/mcp/servers/" + alphaId + "/mcp", token,
                    initializeBody("2025-11-25"), Map.of());
            assertEquals(200, alphaOk.statusCode(), alphaOk.body());
        }
    }

    // ---- helpers

    static Map<String, String> inSession(String session) {
        return Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }

    String initialize(String token) throws Exception {
        HttpResponse<String> init = post(MCP, token, initializeBody("2025-11-25"), Map.of());
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(MCP, token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", inSession(session));
        return session;
    }

    static int deletes(UpstreamMcpServer server) {
        return (int) server.requests().stream().filter(r -> r.method().equals("DELETE")).count();
    }

    void grantAlso(String... ids) {
        List<String> all = new java.util.ArrayList<>(List.of(alphaId, betaId, gammaId, downId));
        all.addAll(List.of(ids));
        var r = system.admin().send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                Map.of("resources", List.of(Map.of("plugin_id", pluginId, "resource_type_slug", TYPE,
                        "instance_ids", all.stream().distinct().toList()))));
        assertEquals(200, r.status(), r.toString());
    }

    Edge startEdge(String name) throws Exception {
        return startEdge(name, system.apiBase().toString());
    }

    /** An edge of {@code controlPlane}; started again under the same name, it starts from what it persisted. */
    Edge startEdge(String name, String controlPlane) throws Exception {
        Path root = system.dataDir().resolveSibling(name);
        boolean first = !Files.exists(root);
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        if (first) {
            edgePlugins(plugins);
        }
        return Edge.start(EdgeSettings.fromEnv(Map.of(
                "CONTROL_PLANE_URL", controlPlane,
                "EDGE_SECRET", TestSystem.EDGE_SECRET,
                "EDGE_NAME", name,
                "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", "0",
                "PLUGINS_DIR", plugins.toString(),
                "DATA_DIR", root.resolve("data").toString(),
                "PLUGINS_DIR_SCAN_INTERVAL", "100ms",
                "PLUGIN_HANDSHAKE_TIMEOUT", "30s")));
    }

    boolean awaitServing(Edge edge) {
        String url = "http://127.0.0.1:" + edge.port() + "/plugins/mcp/servers";
        assertTrue(TestSystem.await(WAIT, () -> status(url, token) == 200), "the edge serves the plugin");
        return true;
    }

    /** What an edge's plugins directory needs for the plugin (the jar, for the in-process transport). */
    abstract void edgePlugins(Path dir) throws Exception;

    int status(String url, String token) {
        try {
            return raw("GET", url, token, null, Map.of()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    HttpResponse<String> raw(String method, String url, String token, String body, Map<String, String> headers)
            throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(WAIT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, text/event-stream")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
