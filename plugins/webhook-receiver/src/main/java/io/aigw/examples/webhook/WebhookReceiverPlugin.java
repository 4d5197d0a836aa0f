package io.aigw.examples.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.RequestContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Example Custom Endpoint plugin: seed 000's webhook receiver, with the events it accepts kept in
 * the plugin store and listable by Apps.
 * <ul>
 *   <li>{@code POST /*} (no gateway auth: webhook senders hold no App token; they sign instead):
 *       bodies over {@code max_body_bytes} → 413; a missing or wrong {@code X-Webhook-Signature}
 *       (HMAC-SHA256 of the raw body under {@code webhook_secret}, see {@link Signature}) → 401;
 *       no event type ({@link EventType}) → 400; else the event is stored and answered 200 with its
 *       id. Nothing is stored for a refused request.</li>
 *   <li>{@code GET /events?limit=&cursor=} (App token; with {@code read_scope} set, one carrying
 *       that scope, else 403): the kept events, newest first, with {@code next_cursor} for the next
 *       page.</li>
 * </ul>
 * {@code webhook_secret} has no default: without it {@code initialize} fails and the plugin's
 * status says why. Every error answer is JSON {@code {"error": "..."}}.
 */
public final class WebhookReceiverPlugin implements CustomEndpointHandler {

    static final int DEFAULT_PAGE = 20;
    static final int LARGEST_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Settings settings;
    private volatile Signature signature;
    private volatile EventLog events;
    private volatile System.Logger log = System.getLogger(WebhookReceiverPlugin.class.getName());

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        log = context.logger();
        settings = Settings.of(config);
        signature = new Signature(settings.secret());
        events = new EventLog(context.store(), JSON, settings, log);
        log.log(INFO, "webhook receiver ready: bodies up to {0} bytes, keeping the newest {1} events",
                settings.maxBodyBytes(), settings.maxEvents());
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(
                EndpointRegistration.builder("/*").methods("POST")
                        .description("Webhook receiver: HMAC-SHA256 signed in X-Webhook-Signature")
                        .requireAuth(false).build(),
                EndpointRegistration.builder("/events").methods("GET")
                        .description("The received events, newest first (limit, cursor)")
                        .requireAuth(true).build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) {
        try {
            return switch (request.method()) {
                case "POST" -> receive(request);
                case "GET" -> list(request);
                default -> error(405, "method " + request.method() + " is not served here");
            };
        } catch (PluginStoreException e) {
            log.log(WARNING, "request {0}: the plugin store failed: {1}", context.requestId(), e.getMessage());
            return error(503, "the event store is unavailable; nothing was stored, try again later");
        }
    }

    private EndpointResponse receive(EndpointRequest request) {
        byte[] body = request.body();
        if (body.length > settings.maxBodyBytes()) {
            return error(413, "the body is " + body.length + " bytes; this receiver takes at most "
                    + settings.maxBodyBytes());
        }
        if (!signature.verify(request.headers().all(Signature.HEADER), body)) {
            log.log(DEBUG, "webhook with a missing or wrong signature refused");
            return error(401, "missing or invalid " + Signature.HEADER + ": expected the hex HMAC-SHA256 of the "
                    + "body under the shared secret");
        }
        if (request.pathSegments().size() > 1) {
            return error(404, "webhooks are posted to /plugins/<slug>/ or /plugins/<slug>/<event type>");
        }
        String type;
        switch (EventType.of(request, JSON)) {
            case EventType.Valid valid -> type = valid.type();
            case EventType.Invalid invalid -> {
                return error(400, invalid.message());
            }
            case EventType.Missing missing -> {
                return error(400, "no event type: " + EventType.WHERE);
            }
        }
        String contentType = request.header("Content-Type");
        ObjectNode event = events.append(type, Instant.now(), contentType == null ? "" : contentType, body);
        log.log(INFO, "webhook {0} received: event {1}, {2} bytes", event.path("id").asText(), type, body.length);
        return json(200, JSON.createObjectNode().put("status", "acknowledged").put("id", event.path("id").asText())
                .put("type", type));
    }

    private EndpointResponse list(EndpointRequest request) {
        if (!request.authenticated() || request.app() == null) {
            // the gateway enforces the registration's requireAuth; this guards any other caller
            return error(401, "an App token is required");
        }
        if (!settings.readScope().isEmpty() && !request.scopes().contains(settings.readScope())) {
            return error(403, "this token lacks the scope '" + settings.readScope() + "' that listing the events takes");
        }
        Query query = Query.parse(request.queryString());
        if (query.unknown() != null) {
            return error(400, "unknown query parameter '" + query.unknown() + "' (known: limit, cursor)");
        }
        int limit = DEFAULT_PAGE;
        if (query.limit() != null) {
            limit = query.limit().matches("[0-9]{1,4}") ? Integer.parseInt(query.limit()) : -1;
            if (limit < 1 || limit > LARGEST_PAGE) {
                return error(400, "'limit' must be a whole number from 1 to " + LARGEST_PAGE);
            }
        }
        String cursor = query.cursor();
        if (cursor != null && !EventIds.isWellFormed(cursor)) {
            return error(400, "'cursor' must be the next_cursor of a previous page");
        }
        EventLog.Page page = events.list(cursor, limit);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("events");
        page.events().forEach(items::add);
        answer.put("next_cursor", page.next());
        return json(200, answer);
    }

    private static EndpointResponse json(int status, ObjectNode body) {
        try {
            return EndpointResponse.of(status, Headers.of("Content-Type", "application/json"),
                    JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static EndpointResponse error(int status, String message) {
        return EndpointResponse.of(status, Headers.of("Content-Type", "application/json"),
                JSON.createObjectNode().put("error", message).toString().getBytes(StandardCharsets.UTF_8));
    }
}
