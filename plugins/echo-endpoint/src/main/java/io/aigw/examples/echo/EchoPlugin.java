package io.aigw.examples.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.System.Logger.Level.INFO;

/**
 * Example Custom Endpoint plugin.
 * <ul>
 *   <li>{@code /*} (auth): echoes the request as JSON, with the caller's App and the plugin
 *       resources it bundles. {@code set_cookie=v} (repeatable) adds a {@code Set-Cookie}.</li>
 *   <li>{@code GET /stream?count=N&interval_ms=M} (auth): N SSE events, one every M ms.</li>
 *   <li>{@code GET /public} (no auth): the {@code custom_content} config value.</li>
 *   <li>{@code GET /stats} (no auth): counters, e.g. streams the client abandoned.</li>
 * </ul>
 * Diagnostic switches, for testing how a gateway copes with a misbehaving plugin, work only when
 * the config sets {@code diagnostics} to {@code true} (otherwise they answer 400): on the echo,
 * {@code sleep_ms=n} answers late, {@code busy_ms=n} burns CPU and ignores interruption,
 * {@code fail=1} throws; on the stream, {@code error_after=k} fails after k events and
 * {@code headers_after_ms=n} waits before sending headers. Left on in production, any App token
 * could make the plugin burn CPU.
 */
public final class EchoPlugin implements CustomEndpointHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EVENTS = 100_000;
    private static final List<String> ECHO_SWITCHES = List.of("sleep_ms", "busy_ms", "fail");
    private static final List<String> STREAM_SWITCHES = List.of("error_after", "headers_after_ms");

    private final AtomicLong streamsCancelled = new AtomicLong();
    private final AtomicLong lastCancelSeenAtMs = new AtomicLong();
    private final AtomicLong streamsCompleted = new AtomicLong();
    private volatile String customContent = "";
    private volatile String version = "";
    private volatile boolean diagnostics;
    private System.Logger log = System.getLogger(EchoPlugin.class.getName());

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        log = context.logger();
        customContent = config.getOrDefault("custom_content", "Hello from the echo plugin");
        diagnostics = Boolean.parseBoolean(config.getOrDefault("diagnostics", "false"));
        version = readVersion();
        log.log(INFO, "echo plugin {0} ready", version);
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(
                EndpointRegistration.builder("/*").methods("GET", "POST", "PUT", "DELETE", "PATCH")
                        .description("Echoes the request as JSON").requireAuth(true).build(),
                EndpointRegistration.builder("/stream").methods("GET")
                        .description("Server-Sent Events: count events every interval_ms")
                        .requireAuth(true).streamResponse(true).build(),
                EndpointRegistration.builder("/public").methods("GET")
                        .description("Serves the custom_content config value").build(),
                EndpointRegistration.builder("/stats").methods("GET")
                        .description("Plugin counters").build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request)
            throws Exception {
        return switch (request.relativePath()) {
            case "/public" -> EndpointResponse.text(200, customContent);
            case "/stats" -> stats();
            default -> echo(request);
        };
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request,
                                            ResponseStream stream) throws Exception {
        Query query = new Query(request.queryString());
        String refused = refusedSwitch(query, STREAM_SWITCHES);
        if (refused != null) {
            stream.sendHeaders(400, Headers.of("Content-Type", "application/json"));
            stream.sendBody(refused);
            stream.done();
            return;
        }
        int count = Math.min(query.intValue("count", 5), MAX_EVENTS);
        long intervalMs = Math.min(query.intValue("interval_ms", 1000), 60_000);
        int errorAfter = query.intValue("error_after", -1);
        int headersAfterMs = query.intValue("headers_after_ms", 0);
        if (errorAfter == 0) {
            stream.error("failing before headers, as asked");
            return;
        }
        try {
            if (headersAfterMs > 0) {
                Thread.sleep(headersAfterMs);
            }
            stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache",
                    "X-Echo-Plugin-Version", version));
            for (int i = 1; i <= count; i++) {
                ObjectNode event = JSON.createObjectNode().put("count", i).put("of", count)
                        .put("sent_at_ms", System.currentTimeMillis());
                stream.sendBody("id: " + i + "\ndata: " + event + "\n\n");
                if (i == errorAfter) {
                    stream.error("failing after " + i + " events, as asked");
                    return;
                }
                if (i < count) {
                    Thread.sleep(intervalMs);
                }
            }
            stream.done();
            streamsCompleted.incrementAndGet();
        } catch (StreamCancelledException | InterruptedException e) {
            streamsCancelled.incrementAndGet();
            lastCancelSeenAtMs.set(System.currentTimeMillis());
            context.logger().log(INFO, "stream {0} cancelled: {1}", context.requestId(), e.getMessage());
        }
    }

    private EndpointResponse echo(EndpointRequest request) throws Exception {
        Query query = new Query(request.queryString());
        String refused = refusedSwitch(query, ECHO_SWITCHES);
        if (refused != null) {
            return EndpointResponse.of(400, Headers.of("Content-Type", "application/json"),
                    refused.getBytes(StandardCharsets.UTF_8));
        }
        int sleepMs = query.intValue("sleep_ms", 0);
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        long busyUntil = System.nanoTime() + query.intValue("busy_ms", 0) * 1_000_000L;
        while (System.nanoTime() < busyUntil) {
            Thread.onSpinWait(); // deliberately deaf to interruption, like a plugin stuck in a loop
        }
        if (query.has("fail")) {
            throw new IllegalStateException("echo plugin failing as asked (this detail must not reach the client)");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("method", request.method())
                .put("path", request.path())
                .put("relative_path", request.relativePath())
                .put("query_string", request.queryString())
                .put("remote_addr", request.remoteAddr())
                .put("host", request.host())
                .put("protocol", request.protocol())
                .put("request_id", request.context().requestId())
                .put("body_size", request.body().length)
                .put("authenticated", request.authenticated())
                .put("plugin_version", version);
        ArrayNode segments = body.putArray("path_segments");
        request.pathSegments().forEach(segments::add);
        ObjectNode headers = body.putObject("headers");
        request.headers().forEach(h -> {
            ArrayNode values = headers.putArray(h.name());
            h.values().forEach(values::add);
        });
        ArrayNode scopes = body.putArray("scopes");
        request.scopes().forEach(scopes::add);
        if (request.app() != null) {
            ObjectNode app = body.putObject("app");
            app.put("id", request.app().id()).put("name", request.app().name());
            ObjectNode metadata = app.putObject("metadata");
            request.app().metadata().forEach(metadata::put);
            pluginResources(app.putArray("plugin_resources"), request.app().pluginResources());
        } else {
            body.putNull("app");
        }
        Headers.Builder responseHeaders = Headers.builder()
                .add("Content-Type", "application/json")
                .add("X-Echo-Plugin-Version", version);
        query.all("set_cookie").forEach(cookie -> responseHeaders.add("Set-Cookie", cookie));
        return EndpointResponse.of(200, responseHeaders.build(), JSON.writeValueAsBytes(body));
    }

    /**
     * The App's plugin resources as the gateway handed them over: the instances' details are the
     * control plane's copy, metadata as the provider's JSON (it must never hold secrets).
     */
    private static void pluginResources(ArrayNode out, List<PluginResourceAssociation> associations) {
        for (PluginResourceAssociation a : associations) {
            ObjectNode o = out.addObject()
                    .put("plugin_id", a.pluginId())
                    .put("resource_type_slug", a.resourceTypeSlug());
            ArrayNode ids = o.putArray("instance_ids");
            a.instanceIds().forEach(ids::add);
            ArrayNode instances = o.putArray("instances");
            for (ResourceInstance i : a.instances()) {
                ObjectNode io = instances.addObject()
                        .put("id", i.id())
                        .put("name", i.name())
                        .put("description", i.description())
                        .put("privacy_score", i.privacyScore());
                io.set("metadata", metadata(i.metadata()));
                io.put("is_active", i.isActive());
            }
        }
    }

    private static JsonNode metadata(String metadata) {
        if (metadata.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(metadata);
        } catch (IOException e) {
            return TextNode.valueOf(metadata);
        }
    }

    /** The JSON error for the first diagnostic switch used while they are off, or null. */
    private String refusedSwitch(Query query, List<String> switches) {
        if (diagnostics) {
            return null;
        }
        return switches.stream().filter(query::has).findFirst()
                .map(name -> JSON.createObjectNode().put("error", "diagnostic switch '" + name
                        + "' is off; set the plugin config 'diagnostics' to 'true' to use it").toString())
                .orElse(null);
    }

    private EndpointResponse stats() throws IOException {
        ObjectNode body = JSON.createObjectNode()
                .put("streams_cancelled", streamsCancelled.get())
                .put("last_cancel_seen_at_ms", lastCancelSeenAtMs.get())
                .put("streams_completed", streamsCompleted.get())
                .put("plugin_version", version);
        return EndpointResponse.of(200, Headers.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
    }

    private static String readVersion() {
        try (InputStream in = EchoPlugin.class.getResourceAsStream("/plugin.json")) {
            return in == null ? "" : JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .path("version").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
