package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One HTTP exchange of the aggregated endpoint with one upstream, read as JSON-RPC messages: a JSON
 * body is one message, an SSE body one message per event as the events arrive. Closing it closes
 * the upstream request.
 */
final class Exchange implements AutoCloseable {

    private static final java.time.Duration DELETE_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final HttpResponse<InputStream> response;
    private final ObjectMapper json;
    private final SseReader events;
    private boolean jsonRead;

    private Exchange(HttpResponse<InputStream> response, ObjectMapper json) {
        this.response = response;
        this.json = json;
        this.events = McpHeaders.isEventStream(contentType()) ? new SseReader(response.body()) : null;
    }

    /**
     * Sends {@code body} (null: no body) with {@code method} to {@code server}, inside the upstream
     * session {@code sessionId} (null: none) at revision {@code version}.
     */
    static Exchange send(Upstream upstream, McpServer server, Optional<String> auth, String method, String sessionId,
                         String version, byte[] body, ObjectMapper json) throws IOException, InterruptedException {
        Headers.Builder headers = Headers.builder()
                .add("Accept", method.equals("GET") ? "text/event-stream" : "application/json, text/event-stream");
        if (body != null) {
            headers.add("Content-Type", "application/json");
        }
        if (sessionId != null) {
            headers.add(McpHeaders.SESSION, sessionId);
        }
        if (version != null) {
            headers.add(McpHeaders.PROTOCOL_VERSION, version);
        }
        // the gateway's own DELETEs are housekeeping nobody waits for: bounded, so none lingers
        return new Exchange(upstream.send(server, method, "", headers.build(), body == null ? new byte[0] : body, auth,
                method.equals("DELETE") ? DELETE_TIMEOUT : null), json);
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    boolean ok() {
        return status() / 100 == 2;
    }

    /** The next JSON-RPC message, or null at the end. Unparseable events are skipped. */
    JsonNode next() throws IOException {
        if (events == null) {
            if (jsonRead) {
                return null;
            }
            jsonRead = true;
            if (!contentType().toLowerCase().startsWith("application/json")) {
                return null;
            }
            byte[] body = response.body().readNBytes(16 * 1024 * 1024);
            try {
                JsonNode message = json.readTree(body);
                return message == null || message.isMissingNode() ? null : message;
            } catch (IOException e) {
                return null;
            }
        }
        for (byte[] event = events.next(); event != null; event = events.next()) {
            String data = SseReader.data(event);
            if (data == null || data.isBlank()) {
                continue;
            }
            try {
                JsonNode message = json.readTree(data);
                if (message != null && message.isObject()) {
                    return message;
                }
            } catch (IOException e) {
                // not JSON-RPC: nothing a client could use
            }
        }
        return null;
    }

    /** Reads messages until the response to {@code id}; null when the stream ends without one. */
    JsonNode responseTo(JsonNode id) throws IOException {
        for (JsonNode m = next(); m != null; m = next()) {
            if (Rpc.isResponse(m) && m.path("id").equals(id)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
