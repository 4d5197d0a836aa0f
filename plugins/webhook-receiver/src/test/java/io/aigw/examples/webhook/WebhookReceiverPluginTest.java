package io.aigw.examples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin on its own, over an in-memory store, called as the gateway calls it. (Through a
 * started system, over both transports: studio-api's {@code WebhookReceiverContract}.)
 */
class WebhookReceiverPluginTest {

    static final String SECRET = "0123456789abcdef-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final App APP = new App(7, "reader", "", "", true, 0, 0, Map.of(), List.of());

    final MemoryStore store = new MemoryStore();

    WebhookReceiverPlugin start(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("slug", "webhooks", "webhook_secret", SECRET));
        config.putAll(extra);
        WebhookReceiverPlugin plugin = new WebhookReceiverPlugin();
        plugin.initialize(BasicPluginContext.named("webhooks-test", store), config);
        return plugin;
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}, computed here independently of the plugin. */
    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    static EndpointRequest post(String relativePath, byte[] body, String... headers) {
        List<String> segments = Arrays.stream(relativePath.split("/")).filter(s -> !s.isEmpty()).toList();
        return new EndpointRequest("POST", "/plugins/webhooks" + relativePath, relativePath, segments,
                Headers.of(headers), body, "", "127.0.0.1", "localhost", "http", null, false, null, null);
    }

    static EndpointRequest listing(String query, String... scopes) {
        return new EndpointRequest("GET", "/plugins/webhooks/events", "/events", List.of("events"), Headers.empty(),
                null, query, "127.0.0.1", "localhost", "http", null, true, APP, List.of(scopes));
    }

    static EndpointResponse call(WebhookReceiverPlugin plugin, EndpointRequest request) {
        return plugin.handleEndpointRequest(BasicRequestContext.of("test", System.getLogger("test")), request);
    }

    /** A correctly signed POST of {@code body} with the event type in the header. */
    EndpointResponse deliver(WebhookReceiverPlugin plugin, String type, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return call(plugin, post("/", bytes, "X-Webhook-Event", type, "X-Webhook-Signature", sign(SECRET, bytes),
                "Content-Type", "application/json"));
    }

    static JsonNode json(EndpointResponse response) throws Exception {
        assertEquals("application/json", response.headers().get("Content-Type"));
        return JSON.readTree(response.body());
    }

    static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.path("events").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    // ---- config

    @Test
    void withoutASecretInitializeFailsSayingWhatToSet() {
        for (Map<String, String> config : List.of(Map.of("slug", "webhooks"), Map.of("webhook_secret", "  "))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebhookReceiverPlugin().initialize(BasicPluginContext.named("w", store), config));
            assertTrue(e.getMessage().startsWith("config 'webhook_secret' is required"), e.getMessage());
        }
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> start(Map.of(
                "webhook_secret", "hunter2")));
        assertTrue(shortOne.getMessage().contains("at least 16 bytes"), shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("hunter2"), "the secret is never repeated: " + shortOne.getMessage());
    }

    @Test
    void badLimitsFailInitializeNamingTheKey() {
        IllegalArgumentException events = assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("max_events", "lots")));
        assertTrue(events.getMessage().contains("'max_events' must be a whole number from 1 to 10000"), events.getMessage());
        IllegalArgumentException retained = assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("max_events", "10000", "max_stored_body_bytes", "262144")));
        assertTrue(retained.getMessage().contains("must stay within 128 MiB"), retained.getMessage());
    }

    @Test
    void registersAnUnauthenticatedReceiverAndAnAuthenticatedListing() {
        List<EndpointRegistration> routes = start(Map.of()).getEndpointRegistrations();
        assertEquals("/*", routes.get(0).path());
        assertEquals(List.of("POST"), routes.get(0).methods());
        assertFalse(routes.get(0).requireAuth(), "senders sign; they hold no App token");
        assertEquals("/events", routes.get(1).path());
        assertEquals(List.of("GET"), routes.get(1).methods());
        assertTrue(routes.get(1).requireAuth());
    }

    // ---- signatures

    @Test
    void aSignedWebhookIsStoredAndListed() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        EndpointResponse accepted = deliver(plugin, "payment.succeeded", "{\"amount\": 42}");
        assertEquals(200, accepted.status());
        JsonNode ack = json(accepted);
        assertEquals("acknowledged", ack.path("status").asText());
        assertEquals("payment.succeeded", ack.path("type").asText());
        assertTrue(EventIds.isWellFormed(ack.path("id").asText()), ack.toString());

        JsonNode page = json(call(plugin, listing("")));
        assertEquals(1, page.path("events").size(), page.toString());
        JsonNode event = page.path("events").get(0);
        assertEquals(ack.path("id").asText(), event.path("id").asText());
        assertEquals("payment.succeeded", event.path("type").asText());
        assertEquals("{\"amount\": 42}", event.path("body").asText());
        assertEquals(14, event.path("size").asInt());
        assertFalse(event.path("body_truncated").asBoolean());
        assertEquals("application/json", event.path("content_type").asText());
        assertTrue(event.path("received_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), event.toString());
        assertTrue(page.path("next_cursor").isNull());
    }

    @Test
    void theSignatureMayCarryAGithubStylePrefixAndUpperCaseHex() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String hex = sign(SECRET, body);
        for (String header : List.of("sha256=" + hex, hex.toUpperCase(Locale.ROOT), " SHA256=" + hex + " ")) {
            EndpointResponse r = call(plugin, post("/push", body, "X-Webhook-Signature", header));
            assertEquals(200, r.status(), header + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        assertEquals(3, store.entries.size());
    }

    @Test
    void aMissingOrWrongSignatureIs401AndStoresNothing() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        byte[] body = "{\"type\": \"push\"}".getBytes(StandardCharsets.UTF_8);
        String good = sign(SECRET, body);
        String otherBody = sign(SECRET, "{\"type\": \"pull\"}".getBytes(StandardCharsets.UTF_8));
        String otherSecret = sign("another-secret-of-enough-length", body);
        List<EndpointRequest> refused = List.of(
                post("/", body),
                post("/", body, "X-Webhook-Signature", ""),
                post("/", body, "X-Webhook-Signature", otherBody),
                post("/", body, "X-Webhook-Signature", otherSecret),
                post("/", body, "X-Webhook-Signature", good.substring(0, 63)),
                post("/", body, "X-Webhook-Signature", good + "00"),
                post("/", body, "X-Webhook-Signature", "sha1=" + good),
                post("/", body, "X-Webhook-Signature", good.substring(0, 62) + "zz"),
                post("/", body, "X-Webhook-Signature", good, "X-Webhook-Signature", good));
        for (EndpointRequest request : refused) {
            EndpointResponse r = call(plugin, request);
            assertEquals(401, r.status(), request.headers().toString());
            assertTrue(json(r).path("error").asText().contains("X-Webhook-Signature"), json(r).toString());
        }
        assertTrue(store.entries.isEmpty(), "nothing stored: " + store.entries.keySet());
    }

    // ---- event types

    @Test
    void theEventTypeComesFromTheHeaderThenThePathThenTheBody() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        record Case(String path, String body, String[] headers, String expected) {
        }
        List<Case> cases = List.of(
                new Case("/payment", "{\"type\": \"from-body\"}", new String[] {"X-Webhook-Event", "from-header"},
                        "from-header"),
                new Case("/payment", "{\"type\": \"from-body\"}", new String[0], "payment"),
                new Case("/", "{\"data\": {\"type\": \"nested\"}, \"type\": \"invoice.paid\"}", new String[0],
                        "invoice.paid"),
                new Case("/", "{\"event\": \"user:created\", \"type\": 3}", new String[0], "user:created"));
        for (Case c : cases) {
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            List<String> headers = new ArrayList<>(List.of(c.headers()));
            headers.addAll(List.of("X-Webhook-Signature", sign(SECRET, body)));
            EndpointResponse r = call(plugin, post(c.path(), body, headers.toArray(String[]::new)));
            assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(c.expected(), json(r).path("type").asText());
        }
        assertEquals(List.of("user:created", "invoice.paid", "payment", "from-header"), types(json(call(plugin,
                listing("")))), "newest first");
    }

    @Test
    void noOrABadEventTypeIs400AndStoresNothing() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        for (String body : List.of("{\"amount\": 1}", "not json", "[\"type\"]", "{\"type\": 7}", "")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            EndpointResponse r = call(plugin, post("/", bytes, "X-Webhook-Signature", sign(SECRET, bytes)));
            assertEquals(400, r.status(), body);
            assertTrue(json(r).path("error").asText().startsWith("no event type: send it as the X-Webhook-Event header"),
                    json(r).toString());
        }
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = sign(SECRET, bytes);
        EndpointResponse spaced = call(plugin, post("/", bytes, "X-Webhook-Signature", signature,
                "X-Webhook-Event", "two words"));
        assertEquals(400, spaced.status());
        assertTrue(json(spaced).path("error").asText().contains("must be 1 to 128 letters"), json(spaced).toString());
        assertEquals(404, call(plugin, post("/a/b", bytes, "X-Webhook-Signature", signature)).status());
        assertTrue(store.entries.isEmpty());
    }

    // ---- bounds

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of("max_body_bytes", "100"));
        byte[] body = ("{\"type\": \"big\", \"pad\": \"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        EndpointResponse r = call(plugin, post("/", body, "X-Webhook-Signature", sign(SECRET, body)));
        assertEquals(413, r.status());
        assertTrue(json(r).path("error").asText().contains("at most 100"), json(r).toString());
        assertEquals(200, deliver(plugin, "small", "{\"ok\": true}").status());
        assertEquals(1, store.entries.size());
    }

    @Test
    void onlyTheNewestMaxEventsAreKept() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of("max_events", "3"));
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, deliver(plugin, "e" + i, "{}").status());
        }
        assertEquals(3, store.entries.size(), store.entries.keySet().toString());
        assertEquals(List.of("e5", "e4", "e3"), types(json(call(plugin, listing("")))));
    }

    @Test
    void aLongBodyIsKeptTruncatedAtACharacterAndABinaryOneAsBase64() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of("max_stored_body_bytes", "10"));
        assertEquals(200, deliver(plugin, "text", "{\"s\":\"ééééééé\"}").status()); // é is 2 bytes
        byte[] binary = {(byte) 0xff, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(200, call(plugin, post("/binary", binary, "X-Webhook-Signature", sign(SECRET, binary))).status());

        JsonNode events = json(call(plugin, listing(""))).path("events");
        JsonNode bin = events.get(0);
        assertEquals(12, bin.path("size").asInt());
        assertTrue(bin.path("body_truncated").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(Arrays.copyOf(binary, 10)), bin.path("body_base64").asText());
        assertTrue(bin.path("body").isMissingNode(), bin.toString());
        JsonNode text = events.get(1);
        assertEquals("{\"s\":\"éé", text.path("body").asText(), "10 bytes would split the third é: " + text);
        assertTrue(text.path("body_truncated").asBoolean());
    }

    // ---- listing

    @Test
    void theListingPagesNewestFirstWithACursor() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        for (int i = 1; i <= 5; i++) {
            deliver(plugin, "e" + i, "{}");
        }
        JsonNode first = json(call(plugin, listing("limit=2")));
        assertEquals(List.of("e5", "e4"), types(first));
        JsonNode second = json(call(plugin, listing("limit=2&cursor=" + first.path("next_cursor").asText())));
        assertEquals(List.of("e3", "e2"), types(second));
        JsonNode third = json(call(plugin, listing("cursor=" + second.path("next_cursor").asText() + "&limit=2")));
        assertEquals(List.of("e1"), types(third));
        assertTrue(third.path("next_cursor").isNull(), third.toString());
        JsonNode exact = json(call(plugin, listing("limit=5")));
        assertEquals(5, exact.path("events").size());
        assertTrue(exact.path("next_cursor").isNull(), "nothing follows: " + exact.path("next_cursor"));
    }

    @Test
    void aListingPageStopsBeforeItGrowsTooLarge() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of("max_stored_body_bytes", "262144", "max_events", "100"));
        String big = "{\"pad\": \"" + "x".repeat(200_000) + "\"}";
        for (int i = 1; i <= 4; i++) {
            deliver(plugin, "big" + i, big);
        }
        JsonNode page = json(call(plugin, listing("limit=100")));
        assertEquals(List.of("big4", "big3"), types(page), "two fit in " + EventLog.PAGE_BYTES + " bytes");
        JsonNode rest = json(call(plugin, listing("cursor=" + page.path("next_cursor").asText())));
        assertEquals(List.of("big2", "big1"), types(rest));
    }

    @Test
    void badListingParametersAre400AndAnUnauthenticatedCallerIs401() {
        WebhookReceiverPlugin plugin = start(Map.of());
        for (String query : List.of("limit=0", "limit=101", "limit=x", "cursor=../x", "type=push")) {
            assertEquals(400, call(plugin, listing(query)).status(), query);
        }
        EndpointRequest anonymous = new EndpointRequest("GET", "/plugins/webhooks/events", "/events",
                List.of("events"), null, null, "", "", "", "http", null, false, null, null);
        assertEquals(401, call(plugin, anonymous).status());
    }

    @Test
    void withAReadScopeOnlyTokensCarryingItList() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of("read_scope", "webhooks:read"));
        deliver(plugin, "push", "{}");
        EndpointResponse refused = call(plugin, listing("", "echo:read"));
        assertEquals(403, refused.status());
        assertTrue(json(refused).path("error").asText().contains("'webhooks:read'"), json(refused).toString());
        assertEquals(List.of("push"), types(json(call(plugin, listing("", "echo:read", "webhooks:read")))));
    }

    @Test
    void aStoreThatCannotBeReachedIs503AndTheSenderMayRetry() throws Exception {
        WebhookReceiverPlugin plugin = start(Map.of());
        store.down = true;
        EndpointResponse r = deliver(plugin, "push", "{}");
        assertEquals(503, r.status());
        assertTrue(json(r).path("error").asText().contains("nothing was stored"), json(r).toString());
        assertEquals(503, call(plugin, listing("")).status());
        store.down = false;
        assertEquals(200, deliver(plugin, "push", "{}").status());
    }
}
