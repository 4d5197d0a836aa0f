package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * {@code /mcp}: one MCP server (Streamable HTTP: revisions 2025-06-18 and 2025-11-25 with sealed
 * sessions, and 2026-07-28's stateless requests, see {@code stateless}) fronting every active
 * server the calling App holds.
 * <ul>
 *   <li>{@code initialize} fans out to every upstream; those that answer join the session, the
 *       others are named in the result's {@code _meta} and stay out of it. The session id handed
 *       to the client is a {@link Session} sealed with the config's key.</li>
 *   <li>{@code tools/list}, {@code prompts/list}, {@code resources/list},
 *       {@code resources/templates/list} fan out and merge, every name prefixed ({@link Names});
 *       an upstream that fails is named in the result's {@code _meta}, the others are listed.</li>
 *   <li>{@code tools/call}, {@code prompts/get}, {@code resources/read}, subscriptions and
 *       completions go to the server the prefix names; its answer is relayed as it arrives (an SSE
 *       answer event by event: progress, logging, server→client requests, then the result).</li>
 *   <li>A server→client request's id is rewritten to {@code aigw:<prefix>:<id>} so the client's
 *       answer finds its way back; GET merges the upstreams' own streams; DELETE ends every
 *       upstream session.</li>
 *   <li>At 2026-07-28, {@code subscriptions/listen} holds a session with each upstream open for as
 *       long as the client listens and relays their change notifications; a server→client request
 *       becomes an {@code input_required} result, the call waiting here ({@link ParkedCalls}) for
 *       the client's retry with its answers.</li>
 * </ul>
 * Only servers the App holds now are reached: one taken out of the App is gone from a running
 * session at once.
 */
final class Aggregator {

    static final List<String> VERSIONS = List.of("2025-06-18", "2025-11-25");
    static final String LATEST = "2025-11-25";
    /** The stateless revision: no initialize, no session, every request on its own. */
    static final String MODERN = "2026-07-28";
    static final List<String> ALL_VERSIONS = List.of("2025-06-18", "2025-11-25", MODERN);
    static final int HEADER_MISMATCH = -32020;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    private static final int MAX_PAGES = 20;
    private static final String ID_PREFIX = "aigw:";

    /** A server the App holds, in the session (or not yet: {@code leg} null). */
    private record Target(McpServer server, Session.Leg leg) {
    }

    /** What an upstream answered to a fan-out call. */
    private record Outcome(Target target, JsonNode result, String failure, boolean sessionGone) {
    }

    private final Upstream upstream;
    private final Credentials credentials;
    private final SessionSeal seal;
    private final Settings settings;
    private final ObjectMapper json;
    private final ParkedCalls parked = new ParkedCalls(this::abandon);

    Aggregator(Upstream upstream, Credentials credentials, SessionSeal seal, Settings settings, ObjectMapper json) {
        this.upstream = upstream;
        this.credentials = credentials;
        this.seal = seal;
        this.settings = settings;
        this.json = json;
    }

    /** Abandons the calls waiting here for their clients' input (the plugin stops). */
    void close() {
        parked.abandonAll();
    }

    void serve(RequestContext ctx, EndpointRequest request, ResponseStream stream) throws IOException {
        Map<String, McpServer> held = new LinkedHashMap<>();
        HeldServers.of(request, json).forEach((id, s) -> {
            if (s.active()) {
                held.put(id, s);
            }
        });
        try {
            boolean sessionless = request.header(McpHeaders.SESSION) == null;
            if (sessionless && !request.method().equals("POST")) {
                // no session to listen to or end; and 2026-07-28 has neither (its clients expect 405)
                Answers.error(stream, 405, "GET and DELETE need an Mcp-Session-Id (revisions 2025-06-18 and "
                        + "2025-11-25); revision " + MODERN + " uses POST only", Headers.of("Allow", "POST"));
                return;
            }
            switch (request.method()) {
                case "GET" -> listen(ctx, request, stream, held);
                case "DELETE" -> end(ctx, request, stream, held);
                case "POST" -> post(ctx, request, stream, held);
                default -> Answers.error(stream, 405, "the MCP endpoint takes POST, GET and DELETE",
                        Headers.of("Allow", "GET, POST, DELETE"));
            }
        } catch (StreamCancelledException e) {
            // the client went away: every upstream exchange was closed on the way out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- POST

    private void post(RequestContext ctx, EndpointRequest request, ResponseStream stream, Map<String, McpServer> held)
            throws IOException, InterruptedException {
        JsonNode message;
        try {
            message = json.readTree(request.body());
        } catch (IOException e) {
            rpcError(stream, 400, null, -32700, "the body is not JSON");
            return;
        }
        if (message == null || message.isArray()) {
            rpcError(stream, 400, null, Rpc.INVALID_REQUEST, "send one JSON-RPC message per request "
                    + "(batches are not part of MCP since 2025-06-18)");
            return;
        }
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
            rpcError(stream, 400, null, Rpc.INVALID_REQUEST, "not a JSON-RPC 2.0 message");
            return;
        }
        if (Rpc.isRequest(message) && "initialize".equals(message.path("method").asText())) {
            initialize(ctx, request, stream, message, held);
            return;
        }
        String version = request.header(McpHeaders.PROTOCOL_VERSION);
        if (version != null && request.header(McpHeaders.SESSION) == null && !Rpc.isResponse(message)) {
            if (MODERN.equals(version)) {
                stateless(ctx, request, stream, message, held);
                return;
            }
            if (!VERSIONS.contains(version)) {
                ObjectNode error = Rpc.error(json, message.get("id"), UNSUPPORTED_PROTOCOL_VERSION,
                        "unsupported protocol version '" + version + "'");
                ObjectNode data = error.with("error").putObject("data");
                ALL_VERSIONS.forEach(data.putArray("supported")::add);
                data.put("requested", version);
                stream.sendHeaders(400, McpHeaders.json());
                stream.sendBody(json.writeValueAsBytes(error));
                stream.done();
                return;
            }
        }
        if (version != null && !VERSIONS.contains(version)) {
            // not a JSON-RPC error on purpose: a 2026-07-28 client reads a plain 400 as "an earlier
            // revision's server" and falls back to initialize (that revision's Backward Compatibility)
            Answers.error(stream, 400, "unsupported MCP-Protocol-Version '" + version + "'; this endpoint speaks "
                    + String.join(" and ", VERSIONS) + ": initialize first");
            return;
        }
        Optional<Session> session = session(request, stream);
        if (session.isEmpty()) {
            return;
        }
        List<Target> targets = targets(session.get(), held);
        if (Rpc.isRequest(message)) {
            request(ctx, stream, message, session.get(), targets);
        } else if (Rpc.isNotification(message)) {
            if (!message.path("method").asText().equals("notifications/initialized")) {
                broadcast(ctx, message, targets); // cancellations, roots changes: whoever it concerns acts on it
            }
            accepted(stream);
        } else if (Rpc.isResponse(message)) {
            answerUpstream(ctx, stream, message, targets);
        } else {
            rpcError(stream, 400, null, Rpc.INVALID_REQUEST, "not a JSON-RPC request, notification or response");
        }
    }

    private void initialize(RequestContext ctx, EndpointRequest request, ResponseStream stream, JsonNode message,
                            Map<String, McpServer> held) throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        String requested = message.path("params").path("protocolVersion").asText("");
        String version = VERSIONS.contains(requested) ? requested : LATEST;
        ObjectNode upMessage = message.deepCopy();
        ObjectNode upParams = upMessage.with("params");
        upParams.put("protocolVersion", version);
        byte[] body = json.writeValueAsBytes(upMessage);

        List<Outcome> outcomes = join(List.copyOf(held.values()), id, body, version);

        List<Session.Leg> legs = new ArrayList<>();
        ObjectNode capabilities = json.createObjectNode();
        StringBuilder instructions = new StringBuilder();
        ArrayNode upstreams = json.createArrayNode();
        for (Outcome o : outcomes) {
            ObjectNode u = upstreams.addObject().put("server", o.target().server().id())
                    .put("name", o.target().server().name()).put("prefix", o.target().server().prefix());
            if (o.failure() != null) {
                u.put("joined", false).put("error", o.failure());
                continue;
            }
            u.put("joined", true);
            legs.add(o.target().leg());
            JsonNode caps = o.result().path("capabilities");
            if (caps.has("tools")) {
                capabilities.putObject("tools").put("listChanged", true);
            }
            if (caps.has("prompts")) {
                capabilities.putObject("prompts").put("listChanged", true);
            }
            if (caps.has("resources")) {
                boolean subscribe = caps.path("resources").path("subscribe").asBoolean(false)
                        || capabilities.path("resources").path("subscribe").asBoolean(false);
                capabilities.putObject("resources").put("subscribe", subscribe).put("listChanged", true);
            }
            if (caps.has("logging")) {
                capabilities.putObject("logging");
            }
            if (caps.has("completions")) {
                capabilities.putObject("completions");
            }
            String text = o.result().path("instructions").asText("");
            if (!text.isBlank()) {
                instructions.append("Tools, prompts and resources prefixed '").append(o.target().server().prefix())
                        .append("' (").append(o.target().server().name()).append("): ").append(text.strip())
                        .append("\n\n");
            }
        }
        Session session = new Session(request.app().id(), version, Instant.now().getEpochSecond(), legs);
        ObjectNode result = json.createObjectNode().put("protocolVersion", version);
        result.set("capabilities", capabilities);
        result.set("serverInfo", serverInfo(request.app().name()));
        if (!instructions.isEmpty()) {
            result.put("instructions", instructions.toString().strip());
        }
        result.putObject("_meta").set("io.aigw/upstreams", upstreams);
        ctx.logger().log(INFO, "aggregated MCP session for App {0}: {1} of {2} servers joined",
                request.app().id(), legs.size(), outcomes.size());
        stream.sendHeaders(200, Headers.of("Content-Type", "application/json", McpHeaders.SESSION,
                session.seal(seal, json)));
        stream.sendBody(json.writeValueAsBytes(Rpc.result(json, id, result)));
        stream.done();
    }

    /**
     * Initializes a session with each of {@code servers} at once ({@code body}: the initialize
     * request with id {@code id}, at {@code version}); each outcome is the server with its leg and
     * initialize result, or why it could not join.
     */
    private List<Outcome> join(List<McpServer> servers, JsonNode id, byte[] body, String version)
            throws InterruptedException {
        List<Target> targets = servers.stream().map(s -> new Target(s, null)).toList();
        return fanOut(targets, t -> {
            Optional<String> auth = credentials.of(t.server());
            String sessionId;
            JsonNode answer;
            try (Exchange e = Exchange.send(upstream, t.server(), auth, "POST", null, version, body, json)) {
                if (!e.ok()) {
                    return failed(t, "answered initialize with HTTP " + e.status());
                }
                sessionId = e.header(McpHeaders.SESSION).orElse(null);
                answer = e.responseTo(id);
            }
            if (answer == null || answer.has("error")) {
                return failed(t, answer == null ? "gave no answer to initialize"
                        : "refused initialize: " + answer.path("error").path("message").asText());
            }
            JsonNode result = answer.path("result");
            String upVersion = result.path("protocolVersion").asText("");
            if (!VERSIONS.contains(upVersion)) {
                endUpstreamSession(t.server(), sessionId, upVersion);
                return failed(t, "speaks MCP revision '" + upVersion + "' only");
            }
            try (Exchange done = Exchange.send(upstream, t.server(), auth, "POST", sessionId, upVersion,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(), json)) {
                // 202, nothing to read
            }
            return new Outcome(new Target(t.server(), new Session.Leg(t.server().id(), sessionId, upVersion)), result,
                    null, false);
        });
    }

    private void request(RequestContext ctx, ResponseStream stream, JsonNode message, Session session,
                         List<Target> targets) throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        String listed = LISTS.get(method);
        if (listed != null) {
            list(stream, message, targets, listed, !listed.startsWith("resource"), false, List.of());
            return;
        }
        switch (method) {
            case "ping" -> answer(stream, Rpc.result(json, id, json.createObjectNode()));
            case "logging/setLevel" -> {
                broadcast(ctx, message, targets);
                answer(stream, Rpc.result(json, id, json.createObjectNode()));
            }
            default -> {
                if (!ROUTED.contains(method)) {
                    answer(stream, Rpc.error(json, id, Rpc.METHOD_NOT_FOUND, "method '" + method
                            + "' is not supported by the aggregated endpoint"));
                    return;
                }
                Routed routed = routed(message, prefix -> {
                    Target t = byPrefix(targets, prefix);
                    return t == null ? null : t.server();
                });
                if (routed.server() == null) {
                    answer(stream, Rpc.error(json, id, Rpc.INVALID_PARAMS, routed.refusal()));
                    return;
                }
                route(ctx, stream, routed.message(), method, byPrefix(targets, routed.server().prefix()));
            }
        }
    }

    /** The list methods, and the field of their results that holds the list. */
    private static final Map<String, String> LISTS = Map.of("tools/list", "tools", "prompts/list", "prompts",
            "resources/list", "resources", "resources/templates/list", "resourceTemplates");
    /** The methods that go to the one server their name or URI's prefix names. */
    private static final Set<String> ROUTED = Set.of("tools/call", "prompts/get", "resources/read",
            "resources/subscribe", "resources/unsubscribe", "completion/complete");

    /**
     * A routed call: the server its prefix names and the message as that server must get it (the
     * prefix taken off), or {@code server} null and why not.
     */
    private record Routed(McpServer server, ObjectNode message, String refusal) {
    }

    private Routed routed(JsonNode message, java.util.function.Function<String, McpServer> byPrefix) {
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        ObjectNode up = message.deepCopy();
        ObjectNode upParams = up.with("params");
        Optional<Names.Split> split;
        String refusal;
        switch (method) {
            case "tools/call", "prompts/get" -> {
                split = Names.splitName(params.path("name").asText(null));
                refusal = (method.equals("tools/call") ? "unknown tool '" : "unknown prompt '")
                        + params.path("name").asText() + "'";
                split.ifPresent(x -> upParams.put("name", x.name()));
            }
            case "completion/complete" -> {
                JsonNode ref = params.path("ref");
                boolean prompt = ref.path("type").asText().equals("ref/prompt");
                split = prompt ? Names.splitName(ref.path("name").asText(null)) : Names.splitUri(ref.path("uri").asText(null));
                refusal = "unknown completion reference";
                split.ifPresent(x -> upParams.with("ref").put(prompt ? "name" : "uri", x.name()));
            }
            default -> {
                split = Names.splitUri(params.path("uri").asText(null));
                refusal = "unknown resource '" + params.path("uri").asText() + "'";
                split.ifPresent(x -> upParams.put("uri", x.name()));
            }
        }
        McpServer server = split.map(x -> byPrefix.apply(x.prefix())).orElse(null);
        return new Routed(server, up, refusal);
    }

    /** Fans a list call out, follows each upstream's pages, merges with prefixed names. */
    private void list(ResponseStream stream, JsonNode message, List<Target> targets, String field,
                      boolean named, boolean modern, List<Outcome> couldNotJoin)
            throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        List<Outcome> outcomes = fanOut(targets, t -> {
            Optional<String> auth = credentials.of(t.server());
            ArrayNode items = json.createArrayNode();
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                ObjectNode call = json.createObjectNode().put("jsonrpc", "2.0").put("id", "aigw-page-" + page)
                        .put("method", method);
                ObjectNode callParams = call.putObject("params");
                if (cursor != null) {
                    callParams.put("cursor", cursor);
                }
                JsonNode answer;
                try (Exchange e = Exchange.send(upstream, t.server(), auth, "POST", t.leg().sessionId(),
                        t.leg().protocolVersion(), json.writeValueAsBytes(call), json)) {
                    if (e.status() == 404 && t.leg().sessionId() != null) {
                        return new Outcome(t, null, "its session ended", true);
                    }
                    if (!e.ok()) {
                        return failed(t, "answered HTTP " + e.status());
                    }
                    answer = e.responseTo(call.get("id"));
                }
                if (answer == null || answer.has("error")) {
                    return failed(t, answer == null ? "gave no answer"
                            : answer.path("error").path("message").asText("an error"));
                }
                answer.path("result").path(field).forEach(items::add);
                cursor = answer.path("result").path("nextCursor").asText(null);
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
            ObjectNode result = json.createObjectNode();
            result.set(field, items);
            return new Outcome(t, result, null, false);
        });
        if (!couldNotJoin.isEmpty()) {
            outcomes = new ArrayList<>(outcomes);
            outcomes.addAll(couldNotJoin);
        }
        if (!targets.isEmpty() && outcomes.stream().allMatch(Outcome::sessionGone)) {
            Answers.error(stream, 404, "the upstream sessions ended: initialize again");
            return;
        }
        ArrayNode merged = json.createArrayNode();
        ArrayNode skipped = json.createArrayNode();
        ArrayNode failed = json.createArrayNode();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> colliding = new HashSet<>();
        List<ObjectNode> candidates = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                failed.addObject().put("server", o.target().server().id()).put("name", o.target().server().name())
                        .put("error", o.failure());
                continue;
            }
            String prefix = o.target().server().prefix();
            for (JsonNode item : o.result().path(field)) {
                if (!item.isObject()) {
                    continue;
                }
                ObjectNode copy = item.deepCopy();
                String key;
                if (named) {
                    String name = Names.name(prefix, item.path("name").asText());
                    if (name.length() > Names.MAX_NAME) {
                        skipped.addObject().put("server", o.target().server().id()).put("name", item.path("name").asText())
                                .put("reason", "'" + name + "' would be longer than " + Names.MAX_NAME + " characters");
                        continue;
                    }
                    copy.put("name", name);
                    key = name;
                } else {
                    String uriField = item.has("uriTemplate") ? "uriTemplate" : "uri";
                    key = Names.uri(prefix, item.path(uriField).asText());
                    copy.put(uriField, key);
                    if (item.has("name")) {
                        copy.put("name", Names.name(prefix, item.path("name").asText()));
                    }
                }
                if (seen.merge(key, 1, Integer::sum) > 1) {
                    colliding.add(key);
                }
                candidates.add(copy);
            }
        }
        for (ObjectNode c : candidates) {
            String key = c.has("uriTemplate") ? c.path("uriTemplate").asText() : named ? c.path("name").asText()
                    : c.path("uri").asText();
            if (colliding.contains(key)) {
                continue;
            }
            merged.add(c);
        }
        for (String key : colliding) {
            skipped.addObject().put("name", key).put("reason", "offered more than once: refused rather than renamed");
        }
        ObjectNode result = json.createObjectNode();
        result.set(field, merged);
        if (modern) {
            // the list is this App's: no shared cache may keep it; and it may change with the App
            modern(result).put("ttlMs", 0).put("cacheScope", "private");
        }
        if (!skipped.isEmpty() || !failed.isEmpty()) {
            ObjectNode meta = result.with("_meta");
            if (!skipped.isEmpty()) {
                meta.set("io.aigw/skipped", skipped);
            }
            if (!failed.isEmpty()) {
                meta.set("io.aigw/failed", failed);
            }
        }
        answer(stream, Rpc.result(json, id, result));
    }

    /** Sends {@code message} to {@code target} (in the client's session) and relays its answer as it arrives. */
    private void route(RequestContext ctx, ResponseStream stream, JsonNode message, String method, Target target)
            throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        McpServer server = target.server();
        Optional<String> auth;
        try {
            auth = credentials.of(server);
        } catch (Credentials.UnavailableException e) {
            answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, e.getMessage()));
            return;
        }
        Exchange e;
        try {
            e = Exchange.send(upstream, server, auth, "POST", target.leg().sessionId(), target.leg().protocolVersion(),
                    json.writeValueAsBytes(message), json);
        } catch (IOException ex) {
            ctx.logger().log(WARNING, "MCP server {0} unreachable: {1}", server.id(), Upstream.reason(ex));
            answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                    + "' is unreachable (" + Upstream.reason(ex) + ")"));
            return;
        }
        try (e) {
            if (e.status() == 404 && target.leg().sessionId() != null) {
                Answers.error(stream, 404, "the session with MCP server '" + server.name() + "' ended: initialize again");
                return;
            }
            if (e.status() == 401 || e.status() == 407) {
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' refused the gateway's credential"));
                return;
            }
            if (!e.ok()) {
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' answered HTTP " + e.status()));
                return;
            }
            if (!McpHeaders.isEventStream(e.contentType())) {
                JsonNode reply = e.next();
                answer(stream, reply == null ? Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' gave no answer") : fromUpstream(reply, server, method));
                return;
            }
            stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"));
            boolean answered = false;
            for (JsonNode m = e.next(); m != null; m = e.next()) {
                stream.sendBody(event(fromUpstream(m, server, method)));
                if (Rpc.isResponse(m) && m.path("id").equals(id)) {
                    answered = true;
                    break;
                }
            }
            if (!answered) {
                stream.sendBody(event(Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' ended its answer without a result")));
            }
            stream.done();
        } catch (IOException ex) {
            if (stream.isCancelled() || Thread.currentThread().isInterrupted()) {
                return;
            }
            ctx.logger().log(WARNING, "MCP server {0}''s answer broke off: {1}", server.id(), Upstream.reason(ex));
            if (!stream.headersSent()) {
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "''s answer broke off"));
            } else if (!stream.isFinished()) {
                stream.sendBody(event(Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "''s answer broke off")));
                stream.done();
            }
        }
    }

    /** A response made one of 2026-07-28 ({@code modern} non-null): its result says it is complete. */
    private JsonNode modernized(JsonNode message, JsonNode modern) {
        if (modern != null && Rpc.isResponse(message) && message.path("result").isObject()) {
            modern((ObjectNode) message.path("result"));
        }
        return message;
    }

    /** Marks a 2026-07-28 result complete and names the gateway in its {@code _meta}. */
    private ObjectNode modern(ObjectNode result) {
        result.put("resultType", "complete");
        result.with("_meta").set("io.modelcontextprotocol/serverInfo", serverInfo(null));
        return result;
    }

    private ObjectNode serverInfo(String title) {
        ObjectNode info = json.createObjectNode().put("name", "aigw-mcp-gateway").put("version", "1");
        if (title != null) {
            info.put("title", title);
        }
        return info;
    }

    /** Answers an upstream's server→client request with an error: its client cannot be asked, {@code why}. */
    private void refuseToUpstream(McpServer server, Optional<String> auth, Session.Leg leg, JsonNode request,
                                  String why) {
        try (Exchange e = Exchange.send(upstream, server, auth, "POST", leg.sessionId(), leg.protocolVersion(),
                json.writeValueAsBytes(Rpc.error(json, request.get("id"), Rpc.METHOD_NOT_FOUND, "the gateway cannot "
                        + "pass this request on: " + why)), json)) {
            // 202
        } catch (IOException e) {
            // the upstream learns it from the ended session instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An upstream's message as the client must see it: its server→client requests with ids that
     * lead back to it, its resource URIs prefixed.
     */
    private JsonNode fromUpstream(JsonNode message, McpServer server, String method) {
        ObjectNode m = message.deepCopy();
        String prefix = server.prefix();
        if (Rpc.isRequest(m)) {
            m.put("id", ID_PREFIX + prefix + ":" + m.get("id").toString());
        } else if (Rpc.isNotification(m)) {
            if (m.path("method").asText().equals("notifications/resources/updated") && m.path("params").has("uri")) {
                m.with("params").put("uri", Names.uri(prefix, m.path("params").path("uri").asText()));
            }
        } else if (method.equals("resources/read") && m.path("result").path("contents").isArray()) {
            for (JsonNode c : m.path("result").path("contents")) {
                if (c.isObject() && c.has("uri")) {
                    ((ObjectNode) c).put("uri", Names.uri(prefix, c.path("uri").asText()));
                }
            }
        }
        return m;
    }

    /** The client's answer to a server→client request: back to the upstream that asked, with its own id. */
    private void answerUpstream(RequestContext ctx, ResponseStream stream, JsonNode message, List<Target> targets)
            throws IOException, InterruptedException {
        String id = message.path("id").asText("");
        int colon = id.indexOf(':', ID_PREFIX.length());
        Target target = id.startsWith(ID_PREFIX) && colon > 0
                ? byPrefix(targets, id.substring(ID_PREFIX.length(), colon)) : null;
        JsonNode original;
        try {
            original = target == null ? null : json.readTree(id.substring(colon + 1));
        } catch (IOException e) {
            original = null;
        }
        if (target == null || original == null || !(original.isTextual() || original.isNumber())) {
            rpcError(stream, 400, null, Rpc.INVALID_REQUEST, "this answers no request of the gateway's");
            return;
        }
        ObjectNode up = message.deepCopy();
        up.set("id", original);
        try (Exchange e = Exchange.send(upstream, target.server(), credentials.of(target.server()), "POST",
                target.leg().sessionId(), target.leg().protocolVersion(), json.writeValueAsBytes(up), json)) {
            // the upstream's 202 is all there is
        } catch (Credentials.UnavailableException | IOException e) {
            ctx.logger().log(WARNING, "could not pass an answer on to MCP server {0}", target.server().id());
        }
        accepted(stream);
    }

    /** A client notification for every upstream in the session, sent at once, answers ignored. */
    private void broadcast(RequestContext ctx, JsonNode message, List<Target> targets) throws InterruptedException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(message);
        } catch (IOException e) {
            return;
        }
        fanOut(targets, t -> {
            try (Exchange e = Exchange.send(upstream, t.server(), credentials.of(t.server()), "POST",
                    t.leg().sessionId(), t.leg().protocolVersion(), body, json)) {
                return new Outcome(t, null, e.ok() ? null : "HTTP " + e.status(), false);
            }
        });
    }

    // ---- 2026-07-28: stateless requests

    /**
     * A request of the stateless revision: no session, so each upstream it needs gets a session of
     * its own for this request only (initialize, the call, DELETE), in the revision it speaks, and
     * the answer is made one of 2026-07-28. Upstreams need not know that revision.
     */
    private void stateless(RequestContext ctx, EndpointRequest request, ResponseStream stream, JsonNode message,
                           Map<String, McpServer> held) throws IOException, InterruptedException {
        if (!Rpc.isRequest(message)) {
            accepted(stream); // a notification has no one to go to without a session
            return;
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        JsonNode meta = params.path("_meta");
        String mismatch = mismatch(request, message);
        if (mismatch != null) {
            stream.sendHeaders(400, McpHeaders.json());
            stream.sendBody(json.writeValueAsBytes(Rpc.error(json, id, HEADER_MISMATCH, mismatch)));
            stream.done();
            return;
        }
        if (method.equals("server/discover")) {
            ObjectNode result = json.createObjectNode();
            ALL_VERSIONS.forEach(result.putArray("supportedVersions")::add);
            ObjectNode capabilities = result.putObject("capabilities");
            // what subscriptions/listen can relay; its acknowledgment says what the upstreams really offer
            capabilities.putObject("tools").put("listChanged", true);
            capabilities.putObject("prompts").put("listChanged", true);
            capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
            capabilities.putObject("completions");
            result.put("instructions", "One MCP server fronting the MCP servers of App '" + request.app().name()
                    + "': every name is '<server prefix>__<name>', every resource URI '<server prefix>+<uri>'.");
            modern(result).put("ttlMs", 0).put("cacheScope", "private");
            result.with("_meta").set("io.modelcontextprotocol/serverInfo", serverInfo(request.app().name()));
            answer(stream, Rpc.result(json, id, result));
            return;
        }
        if (method.equals("subscriptions/listen")) {
            subscribe(ctx, request, stream, message, held);
            return;
        }
        String listed = LISTS.get(method);
        List<McpServer> needed;
        Routed routed = null;
        if (listed != null) {
            needed = List.copyOf(held.values());
        } else if (ROUTED.contains(method) && !method.startsWith("resources/s") && !method.startsWith("resources/u")) {
            if (INPUT_METHODS.contains(method) && params.hasNonNull("requestState")) {
                resume(ctx, request, stream, message, held);
                return;
            }
            routed = routed(message, prefix -> held.values().stream().filter(s -> s.prefix().equals(prefix))
                    .findFirst().orElse(null));
            if (routed.server() == null) {
                answer(stream, modernized(Rpc.error(json, id, Rpc.INVALID_PARAMS, routed.refusal()), meta));
                return;
            }
            needed = List.of(routed.server());
        } else {
            answer(stream, Rpc.error(json, id, Rpc.METHOD_NOT_FOUND, "method '" + method + "' is not supported by "
                    + "the aggregated endpoint at revision " + MODERN));
            return;
        }
        List<Target> targets = new ArrayList<>();
        List<Outcome> refused = new ArrayList<>();
        joinForOneRequest(needed, meta, targets, refused);
        if (listed != null) {
            try {
                list(stream, message, targets, listed, !listed.startsWith("resource"), true, refused);
            } finally {
                endLater(targets);
            }
        } else if (targets.isEmpty()) {
            answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, refused.getFirst().failure()));
        } else {
            ObjectNode up = routed.message();
            up.with("params").remove(List.of("inputResponses", "requestState"));
            callModern(ctx, request, stream, up, method, targets.getFirst(), meta, RequestState.digest(params));
        }
    }

    /**
     * Opens, for one 2026-07-28 request, a session with each of {@code servers} at revision
     * {@link #LATEST}, with the capabilities and client info the request's {@code _meta} names:
     * those that join go to {@code joined}, the others (and why) to {@code refused}.
     */
    private void joinForOneRequest(List<McpServer> servers, JsonNode meta, List<Target> joined, List<Outcome> refused)
            throws IOException, InterruptedException {
        joinForOneRequest(servers, meta, joined, refused, new ArrayList<>());
    }

    private void joinForOneRequest(List<McpServer> servers, JsonNode meta, List<Target> joined, List<Outcome> refused,
                                   List<Outcome> outcomes) throws IOException, InterruptedException {
        ObjectNode init = json.createObjectNode().put("jsonrpc", "2.0").put("id", "aigw-init").put("method", "initialize");
        ObjectNode initParams = init.putObject("params").put("protocolVersion", LATEST);
        initParams.set("capabilities", meta.path("io.modelcontextprotocol/clientCapabilities").isObject()
                ? meta.path("io.modelcontextprotocol/clientCapabilities") : json.createObjectNode());
        initParams.set("clientInfo", meta.path("io.modelcontextprotocol/clientInfo").isObject()
                ? meta.path("io.modelcontextprotocol/clientInfo") : serverInfo(null));
        for (Outcome o : join(servers, init.get("id"), json.writeValueAsBytes(init), LATEST)) {
            outcomes.add(o);
            if (o.failure() == null) {
                joined.add(o.target());
            } else {
                refused.add(o);
            }
        }
    }

    /** Ends these upstream sessions on threads of their own: once the answer is done the gateway interrupts this one. */
    private void endLater(List<Target> targets) {
        for (Target t : targets) {
            Thread.ofVirtual().name("mcp-end-" + t.server().id()).start(() ->
                    endUpstreamSession(t.server(), t.leg().sessionId(), t.leg().protocolVersion()));
        }
    }

    // ---- 2026-07-28: calls whose upstream asks the client (multi round-trip requests)

    /** The calls whose upstream may ask the client for input: the only ones 2026-07-28 lets answer input_required. */
    private static final Set<String> INPUT_METHODS = Set.of("tools/call", "prompts/get", "resources/read");
    /** An upstream's server→client request, and the client capability it needs. */
    private static final Map<String, String> ASKS = Map.of("sampling/createMessage", "sampling",
            "elicitation/create", "elicitation", "roots/list", "roots");

    /**
     * A routed 2026-07-28 call ({@code message} as the upstream must get it) in a session of its own
     * with {@code target}. When the upstream asks the client something, the call is parked
     * ({@link ParkedCalls}) and the client gets an {@code input_required} result; otherwise the
     * answer is relayed and the session ended.
     */
    private void callModern(RequestContext ctx, EndpointRequest request, ResponseStream stream, JsonNode message,
                            String method, Target target, JsonNode meta, String digest)
            throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        McpServer server = target.server();
        boolean parkedHere = false;
        Exchange e = null;
        try {
            Optional<String> auth;
            try {
                auth = credentials.of(server);
            } catch (Credentials.UnavailableException ex) {
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, ex.getMessage()));
                return;
            }
            try {
                e = Exchange.send(upstream, server, auth, "POST", target.leg().sessionId(),
                        target.leg().protocolVersion(), json.writeValueAsBytes(message), json);
            } catch (IOException ex) {
                ctx.logger().log(WARNING, "MCP server {0} unreachable: {1}", server.id(), Upstream.reason(ex));
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' is unreachable (" + Upstream.reason(ex) + ")"));
                return;
            }
            if (!e.ok()) {
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + (e.status() == 401 || e.status() == 407 ? "' refused the gateway's credential"
                        : "' answered HTTP " + e.status())));
                return;
            }
            if (!McpHeaders.isEventStream(e.contentType())) {
                JsonNode reply = e.next();
                answer(stream, reply == null ? Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                        + "' gave no answer") : modernized(fromUpstream(reply, server, method), meta));
                return;
            }
            stream.sendHeaders(200, sseHeaders());
            ParkedCalls.Parked call = new ParkedCalls.Parked(server, target.leg(), auth, e, id, method,
                    request.app().id(), digest, Map.of());
            parkedHere = relayModern(ctx, stream, id, message.path("params"), meta, call);
        } catch (IOException ex) {
            brokeOff(ctx, stream, id, server, ex);
        } finally {
            if (!parkedHere) {
                if (e != null) {
                    e.close();
                }
                endLater(List.of(target));
            }
        }
    }

    /**
     * Relays {@code call}'s upstream answer to the 2026-07-28 request {@code clientId} (whose params
     * and {@code _meta} are given) until its result, or until the upstream asks the client
     * something: then the call is parked and the client answered {@code input_required}. True when
     * parked (the exchange and upstream session then stay open); the caller ends them otherwise.
     */
    private boolean relayModern(RequestContext ctx, ResponseStream stream, JsonNode clientId, JsonNode params,
                                JsonNode meta, ParkedCalls.Parked call) throws IOException, InterruptedException {
        McpServer server = call.server();
        Exchange e = call.exchange();
        JsonNode progressToken = params.path("_meta").get("progressToken");
        JsonNode capabilities = meta.path("io.modelcontextprotocol/clientCapabilities");
        for (JsonNode m = e.next(); m != null; m = e.next()) {
            if (Rpc.isRequest(m)) {
                String needs = ASKS.get(m.path("method").asText());
                String refusal = needs == null ? "revision " + MODERN + " has no such request"
                        : !INPUT_METHODS.contains(call.method()) ? "revision " + MODERN + " lets only tools/call, "
                        + "prompts/get and resources/read ask for input"
                        : !capabilities.has(needs) ? "the client did not declare the '" + needs + "' capability" : null;
                if (refusal != null) {
                    refuseToUpstream(server, call.auth(), call.leg(), m, refusal);
                    continue;
                }
                Map<String, JsonNode> asked = new LinkedHashMap<>(call.asked());
                asked.put(server.prefix() + "-" + m.get("id").asText(), m);
                ParkedCalls.Parked waiting = new ParkedCalls.Parked(server, call.leg(), call.auth(), e,
                        call.upstreamId(), call.method(), call.appId(), call.digest(), asked);
                Optional<Asking> required = inputRequired(waiting);
                if (required.isEmpty()) {
                    refuseToUpstream(server, call.auth(), call.leg(), m, "too many calls are waiting for input");
                    continue;
                }
                tell(required.get(), () -> {
                    stream.sendBody(event(Rpc.result(json, clientId, required.get().result())));
                    stream.done();
                });
                return true;
            }
            String method = m.path("method").asText();
            if (method.equals("notifications/message") && !meta.has("io.modelcontextprotocol/logLevel")) {
                continue;
            }
            if (method.equals("notifications/progress")) {
                if (progressToken == null) {
                    continue; // asked for by an earlier round, not by this request
                }
                ObjectNode progress = m.deepCopy();
                progress.with("params").set("progressToken", progressToken);
                m = progress;
            }
            if (Rpc.isResponse(m) && m.path("id").equals(call.upstreamId())) {
                ObjectNode last = (ObjectNode) fromUpstream(m, server, call.method());
                last.set("id", clientId);
                stream.sendBody(event(modernized(last, meta)));
                stream.done();
                return false;
            }
            if (!Rpc.isResponse(m)) {
                stream.sendBody(event(fromUpstream(m, server, call.method())));
            }
        }
        stream.sendBody(event(Rpc.error(json, clientId, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                + "' ended its answer without a result")));
        stream.done();
        return false;
    }

    /** A parked call's key and the {@code input_required} result that asks its client for the answers. */
    private record Asking(String key, ObjectNode result) {
    }

    /** Something sent to the client that may fail. */
    private interface Send {
        void run() throws IOException;
    }

    /**
     * Sends a parked call's {@code input_required} to its client. When that fails the client never
     * saw the question: the call is taken back and the failure thrown, for the caller to end it.
     * A retry may have taken the call already (the answer can reach the client before the send
     * returns): it is then the retry's, and nothing is thrown.
     */
    private void tell(Asking asking, Send send) throws IOException {
        try {
            send.run();
        } catch (IOException | RuntimeException e) {
            if (parked.take(asking.key()).isPresent()) {
                throw e;
            }
        }
    }

    /**
     * Parks {@code call} and makes the {@code input_required} result asking the client what the
     * upstream asked; empty when no more calls may wait.
     */
    private Optional<Asking> inputRequired(ParkedCalls.Parked call) {
        Optional<String> key = parked.park(call);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode result = json.createObjectNode().put("resultType", "input_required");
        ObjectNode requests = result.putObject("inputRequests");
        call.asked().forEach((k, m) -> {
            ObjectNode r = requests.putObject(k).put("method", m.path("method").asText());
            r.set("params", m.path("params").isObject() ? m.path("params") : json.createObjectNode());
        });
        long expires = Instant.now().plus(ParkedCalls.WAIT).getEpochSecond();
        result.put("requestState", new RequestState(key.get(), call.appId(), call.method(), call.digest(), expires)
                .seal(seal, json));
        result.with("_meta").set("io.modelcontextprotocol/serverInfo", serverInfo(null));
        return Optional.of(new Asking(key.get(), result));
    }

    /**
     * A 2026-07-28 retry carrying a {@code requestState}: the parked call it names gets the client's
     * {@code inputResponses} and its answer is relayed to this request; what the client left
     * unanswered is asked again.
     */
    private void resume(RequestContext ctx, EndpointRequest request, ResponseStream stream, JsonNode message,
                        Map<String, McpServer> held) throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        JsonNode meta = params.path("_meta");
        Optional<RequestState> state = RequestState.open(params.path("requestState").asText(), seal, json);
        if (state.isEmpty() || state.get().appId() != request.app().id() || !state.get().method().equals(method)
                || !state.get().digest().equals(RequestState.digest(params))) {
            answer(stream, Rpc.error(json, id, Rpc.INVALID_PARAMS, "requestState was not issued by this gateway for "
                    + "this request, or was altered"));
            return;
        }
        if (state.get().expired()) {
            answer(stream, Rpc.error(json, id, Rpc.INVALID_PARAMS, "requestState has expired: send the request "
                    + "again without it"));
            return;
        }
        JsonNode responses = params.path("inputResponses");
        if (!responses.isMissingNode() && !responses.isObject()) {
            answer(stream, Rpc.error(json, id, Rpc.INVALID_PARAMS, "inputResponses must be an object"));
            return;
        }
        Optional<ParkedCalls.Parked> taken = parked.take(state.get().key());
        if (taken.isEmpty()) {
            answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "the call this requestState continues is not "
                    + "waiting on this gateway (it waited longer than " + ParkedCalls.WAIT.toMinutes() + " minutes, "
                    + "was answered already, or the request reached another gateway): send the request again "
                    + "without requestState"));
            return;
        }
        ParkedCalls.Parked call = taken.get();
        McpServer now = held.get(call.server().id());
        if (now == null) {
            abandon(call);
            answer(stream, Rpc.error(json, id, Rpc.INVALID_PARAMS, "the App no longer holds MCP server '"
                    + call.server().name() + "'"));
            return;
        }
        boolean parkedAgain = false;
        try {
            Map<String, JsonNode> unanswered = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> asked : call.asked().entrySet()) {
                JsonNode answer = responses.path(asked.getKey());
                if (!answer.isObject()) {
                    unanswered.put(asked.getKey(), asked.getValue());
                    continue;
                }
                ObjectNode result = answer.deepCopy();
                result.remove("resultType");
                try (Exchange e = Exchange.send(upstream, call.server(), call.auth(), "POST", call.leg().sessionId(),
                        call.leg().protocolVersion(), json.writeValueAsBytes(Rpc.result(json,
                                asked.getValue().get("id"), result)), json)) {
                    // 202
                }
            }
            ParkedCalls.Parked rest = new ParkedCalls.Parked(call.server(), call.leg(), call.auth(), call.exchange(),
                    call.upstreamId(), call.method(), call.appId(), call.digest(), unanswered);
            if (!unanswered.isEmpty()) {
                // the spec's way to ask again for what is missing: another input_required
                Optional<Asking> again = inputRequired(rest);
                if (again.isPresent()) {
                    tell(again.get(), () -> answer(stream, Rpc.result(json, id, again.get().result())));
                    parkedAgain = true;
                    return;
                }
                answer(stream, Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "too many calls are waiting for input"));
                return;
            }
            stream.sendHeaders(200, sseHeaders());
            parkedAgain = relayModern(ctx, stream, id, params, meta, rest);
        } catch (IOException ex) {
            brokeOff(ctx, stream, id, call.server(), ex);
        } finally {
            if (!parkedAgain) {
                call.exchange().close();
                McpServer server = call.server();
                Session.Leg leg = call.leg();
                Thread.ofVirtual().name("mcp-end-" + server.id()).start(() ->
                        endUpstreamSession(server, leg.sessionId(), leg.protocolVersion()));
            }
        }
    }

    /** A parked call nobody continues: its questions are refused, its request closed and its session ended. */
    private void abandon(ParkedCalls.Parked call) {
        for (JsonNode asked : call.asked().values()) {
            refuseToUpstream(call.server(), call.auth(), call.leg(), asked, "the client did not answer");
        }
        call.exchange().close();
        endUpstreamSession(call.server(), call.leg().sessionId(), call.leg().protocolVersion());
    }

    private void brokeOff(RequestContext ctx, ResponseStream stream, JsonNode id, McpServer server, IOException ex)
            throws IOException {
        if (stream.isCancelled() || Thread.currentThread().isInterrupted()) {
            return;
        }
        ctx.logger().log(WARNING, "MCP server {0}''s answer broke off: {1}", server.id(), Upstream.reason(ex));
        JsonNode error = Rpc.error(json, id, Rpc.UPSTREAM_FAILED, "MCP server '" + server.name()
                + "''s answer broke off");
        if (!stream.headersSent()) {
            answer(stream, error);
        } else if (!stream.isFinished()) {
            stream.sendBody(event(error));
            stream.done();
        }
    }

    private static Headers sseHeaders() {
        // X-Accel-Buffering: proxies such as nginx must not hold events back
        return Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache", "X-Accel-Buffering", "no");
    }

    // ---- 2026-07-28: subscriptions/listen

    /**
     * {@code subscriptions/listen}: a session of its own with every upstream the filter concerns,
     * for as long as the client listens; the acknowledgment names what the upstreams can deliver,
     * then their change notifications (from their GET streams) are relayed as they come, prefixed
     * and marked with the subscription's id. The client closing the stream ends the upstream sessions.
     */
    private void subscribe(RequestContext ctx, EndpointRequest request, ResponseStream stream, JsonNode message,
                           Map<String, McpServer> held) throws IOException, InterruptedException {
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        JsonNode meta = params.path("_meta");
        JsonNode filter = params.path("notifications");
        Map<String, String> lists = Map.of("toolsListChanged", "tools", "promptsListChanged", "prompts",
                "resourcesListChanged", "resources");
        boolean anyList = lists.keySet().stream().anyMatch(f -> filter.path(f).asBoolean(false));
        List<String> uris = new ArrayList<>();
        filter.path("resourceSubscriptions").forEach(u -> {
            if (u.isTextual()) {
                uris.add(u.asText());
            }
        });
        List<McpServer> needed = new ArrayList<>();
        for (McpServer s : held.values()) {
            if (anyList || uris.stream().anyMatch(u -> Names.splitUri(u).map(x -> x.prefix().equals(s.prefix()))
                    .orElse(false))) {
                needed.add(s);
            }
        }
        List<Target> targets = new ArrayList<>();
        List<Outcome> refused = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Exchange> open = new CopyOnWriteArrayList<>();
        ExecutorService legs = Executors.newVirtualThreadPerTaskExecutor();
        try {
            joinForOneRequest(needed, meta, targets, refused, outcomes);
            Map<String, JsonNode> capabilities = new HashMap<>();
            outcomes.stream().filter(o -> o.failure() == null).forEach(o ->
                    capabilities.put(o.target().server().id(), o.result().path("capabilities")));
            ObjectNode agreed = json.createObjectNode();
            lists.forEach((field, capability) -> {
                if (filter.path(field).asBoolean(false) && capabilities.values().stream()
                        .anyMatch(c -> c.path(capability).path("listChanged").asBoolean(false))) {
                    agreed.put(field, true);
                }
            });
            ArrayNode subscribed = json.createArrayNode();
            for (String uri : uris) {
                Optional<Names.Split> split = Names.splitUri(uri);
                Target t = split.map(x -> byPrefix(targets, x.prefix())).orElse(null);
                if (t != null && capabilities.get(t.server().id()).path("resources").path("subscribe").asBoolean(false)
                        && subscribed(t, split.get().name())) {
                    subscribed.add(uri);
                }
            }
            if (!subscribed.isEmpty()) {
                agreed.set("resourceSubscriptions", subscribed);
            }
            Set<String> watched = new HashSet<>();
            subscribed.forEach(u -> watched.add(u.asText()));

            stream.sendHeaders(200, sseHeaders());
            ObjectNode ack = json.createObjectNode().put("jsonrpc", "2.0")
                    .put("method", "notifications/subscriptions/acknowledged");
            ObjectNode ackParams = ack.putObject("params");
            ObjectNode ackMeta = ackParams.putObject("_meta");
            ackMeta.set("io.modelcontextprotocol/subscriptionId", id);
            if (!refused.isEmpty()) {
                ArrayNode failed = ackMeta.putArray("io.aigw/failed");
                refused.forEach(o -> failed.addObject().put("server", o.target().server().id())
                        .put("name", o.target().server().name()).put("error", o.failure()));
            }
            ackParams.set("notifications", agreed);
            stream.sendBody(event(ack));
            if (agreed.isEmpty()) {
                // nothing could ever come: end the subscription gracefully rather than hold it open
                ObjectNode closed = json.createObjectNode().put("resultType", "complete");
                closed.putObject("_meta").set("io.modelcontextprotocol/subscriptionId", id);
                stream.sendBody(event(Rpc.result(json, id, closed)));
                stream.done();
                return;
            }
            ctx.logger().log(INFO, "subscriptions/listen of App {0}: {1} upstream sessions", request.app().id(),
                    targets.size());
            for (Target t : targets) {
                legs.submit(() -> {
                    listenTo(t, stream, open, id, agreed, watched);
                    return null;
                });
            }
            keepAlive(stream);
        } finally {
            open.forEach(Exchange::close);
            legs.shutdownNow();
            endLater(targets);
        }
    }

    /** Subscribes {@code target}'s session to {@code uri} (the upstream's own); whether it agreed. */
    private boolean subscribed(Target target, String uri) throws InterruptedException {
        ObjectNode call = json.createObjectNode().put("jsonrpc", "2.0").put("id", "aigw-subscribe")
                .put("method", "resources/subscribe");
        call.putObject("params").put("uri", uri);
        try (Exchange e = Exchange.send(upstream, target.server(), credentials.of(target.server()), "POST",
                target.leg().sessionId(), target.leg().protocolVersion(), json.writeValueAsBytes(call), json)) {
            JsonNode answer = e.ok() ? e.responseTo(call.get("id")) : null;
            return answer != null && answer.has("result");
        } catch (Credentials.UnavailableException | IOException e) {
            return false;
        }
    }

    /**
     * Relays what {@code target}'s GET stream carries that the subscription {@code id} agreed to,
     * opening the stream again when the upstream ends it, until the upstream has none (404, 405) or
     * the listen ends (this thread interrupted).
     */
    private void listenTo(Target target, ResponseStream stream, List<Exchange> open, JsonNode id, JsonNode agreed,
                          Set<String> watched) throws IOException, InterruptedException {
        McpServer server = target.server();
        while (!Thread.currentThread().isInterrupted()) {
            Optional<String> auth;
            try {
                auth = credentials.of(server);
            } catch (Credentials.UnavailableException e) {
                return;
            }
            try (Exchange e = Exchange.send(upstream, server, auth, "GET", target.leg().sessionId(),
                    target.leg().protocolVersion(), null, json)) {
                open.add(e);
                if (!e.ok() || !McpHeaders.isEventStream(e.contentType())) {
                    return; // no stream of its own (405), or its session is gone (404)
                }
                for (JsonNode m = e.next(); m != null; m = e.next()) {
                    if (Rpc.isRequest(m)) {
                        refuseToUpstream(server, auth, target.leg(), m, "a subscription cannot answer requests");
                        continue;
                    }
                    JsonNode out = listened(m, server, id, agreed, watched);
                    if (out != null) {
                        stream.sendBody(event(out));
                    }
                }
                open.remove(e);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            Thread.sleep(1000); // the upstream ended its stream: listen again, without hammering it
        }
    }

    /** An upstream's notification as the subscription {@code id} relays it, or null when it did not ask for it. */
    private JsonNode listened(JsonNode m, McpServer server, JsonNode id, JsonNode agreed, Set<String> watched) {
        if (!Rpc.isNotification(m)) {
            return null;
        }
        String method = m.path("method").asText();
        ObjectNode out = (ObjectNode) fromUpstream(m, server, "");
        boolean wanted = switch (method) {
            case "notifications/tools/list_changed" -> agreed.path("toolsListChanged").asBoolean(false);
            case "notifications/prompts/list_changed" -> agreed.path("promptsListChanged").asBoolean(false);
            case "notifications/resources/list_changed" -> agreed.path("resourcesListChanged").asBoolean(false);
            case "notifications/resources/updated" -> watched.contains(out.path("params").path("uri").asText());
            default -> false; // progress and log messages belong to requests, never to a subscription
        };
        if (!wanted) {
            return null;
        }
        out.with("params").with("_meta").set("io.modelcontextprotocol/subscriptionId", id);
        return out;
    }

    /**
     * Holds a stream open until the client leaves, with an SSE comment now and then: it keeps
     * intermediaries from closing a quiet stream, and writing is how a client that left is noticed.
     */
    private static void keepAlive(ResponseStream stream) throws IOException, InterruptedException {
        long next = System.nanoTime() + KEEP_ALIVE.toNanos();
        while (!stream.isCancelled()) {
            Thread.sleep(250);
            if (System.nanoTime() >= next) {
                stream.sendBody(":\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                next = System.nanoTime() + KEEP_ALIVE.toNanos();
            }
        }
    }

    private static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(5);

    /**
     * Why the request's headers and body disagree (2026-07-28 makes {@code MCP-Protocol-Version},
     * {@code Mcp-Method} and, for calls naming one thing, {@code Mcp-Name} mirror the body), or null.
     */
    private static String mismatch(EndpointRequest request, JsonNode message) {
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        String bodyVersion = params.path("_meta").path("io.modelcontextprotocol/protocolVersion").asText(null);
        if (!MODERN.equals(bodyVersion)) {
            return "MCP-Protocol-Version header '" + MODERN + "' does not match the request's _meta protocol version '"
                    + bodyVersion + "'";
        }
        String headerMethod = request.header(McpHeaders.METHOD);
        if (!method.equals(headerMethod)) {
            return "Mcp-Method header '" + headerMethod + "' does not match the request's method '" + method + "'";
        }
        String named = switch (method) {
            case "tools/call", "prompts/get" -> params.path("name").asText(null);
            case "resources/read" -> params.path("uri").asText(null);
            default -> null;
        };
        if (named != null) {
            String header = decoded(request.header(McpHeaders.NAME));
            if (!named.equals(header)) {
                return "Mcp-Name header '" + header + "' does not match the request's '" + named + "'";
            }
        }
        return null;
    }

    /** A header value, with 2026-07-28's {@code =?base64?...?=} form decoded. */
    private static String decoded(String value) {
        if (value != null && value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(java.util.Base64.getDecoder().decode(value.substring(9, value.length() - 2)),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        return value;
    }

    // ---- GET: the upstreams' own streams, merged

    private void listen(RequestContext ctx, EndpointRequest request, ResponseStream stream, Map<String, McpServer> held)
            throws IOException, InterruptedException {
        Optional<Session> session = session(request, stream);
        if (session.isEmpty()) {
            return;
        }
        List<Target> targets = targets(session.get(), held);
        stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"));
        List<Exchange> open = new CopyOnWriteArrayList<>();
        ExecutorService legs = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Target t : targets) {
                legs.submit(() -> {
                    try (Exchange e = Exchange.send(upstream, t.server(), credentials.of(t.server()), "GET",
                            t.leg().sessionId(), t.leg().protocolVersion(), null, json)) {
                        open.add(e);
                        if (!e.ok() || !McpHeaders.isEventStream(e.contentType())) {
                            return null; // 405: this upstream offers no stream of its own
                        }
                        for (JsonNode m = e.next(); m != null; m = e.next()) {
                            stream.sendBody(event(fromUpstream(m, t.server(), "")));
                        }
                    }
                    return null;
                });
            }
            // once the upstreams are done the stream stays open, quiet, until the client leaves: an
            // ended stream would only make it reconnect at once
            keepAlive(stream);
        } finally {
            // closing the upstream bodies ends the reads; interrupting cancels sends still waiting
            open.forEach(Exchange::close);
            legs.shutdownNow();
        }
    }

    // ---- DELETE

    private void end(RequestContext ctx, EndpointRequest request, ResponseStream stream, Map<String, McpServer> held)
            throws IOException, InterruptedException {
        Optional<Session> session = session(request, stream);
        if (session.isEmpty()) {
            return;
        }
        // every upstream session ends, also of servers the App no longer holds
        List<Target> all = new ArrayList<>();
        for (Session.Leg leg : session.get().legs()) {
            McpServer server = held.get(leg.serverId());
            if (server != null && leg.sessionId() != null) {
                all.add(new Target(server, leg));
            }
        }
        fanOut(all, t -> {
            endUpstreamSession(t.server(), t.leg().sessionId(), t.leg().protocolVersion());
            return new Outcome(t, null, null, false);
        });
        ctx.logger().log(INFO, "aggregated MCP session of App {0} ended ({1} upstream sessions)",
                session.get().appId(), all.size());
        stream.sendHeaders(200, Headers.empty());
        stream.done();
    }

    private void endUpstreamSession(McpServer server, String sessionId, String version) {
        if (sessionId == null) {
            return;
        }
        try (Exchange e = Exchange.send(upstream, server, credentials.of(server), "DELETE", sessionId, version, null,
                json)) {
            // 200, 204 or 405: the session is over or cannot be ended; nothing more to do
        } catch (Credentials.UnavailableException | IOException e) {
            // it expires on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers

    private Optional<Session> session(EndpointRequest request, ResponseStream stream) throws IOException {
        String id = request.header(McpHeaders.SESSION);
        if (id == null || id.isBlank()) {
            Answers.error(stream, 400, "Mcp-Session-Id is required: initialize first");
            return Optional.empty();
        }
        Optional<Session> session = Session.open(id.strip(), request.app().id(), settings.sessionMaxAge(), seal, json);
        if (session.isEmpty()) {
            // forged, altered, another App's, sealed with another key, or too old: all look alike
            Answers.error(stream, 404, "unknown or expired MCP session: initialize again");
        }
        return session;
    }

    /** The session's upstreams the App still holds, in the session's order. */
    private static List<Target> targets(Session session, Map<String, McpServer> held) {
        List<Target> targets = new ArrayList<>();
        for (Session.Leg leg : session.legs()) {
            McpServer server = held.get(leg.serverId());
            if (server != null) {
                targets.add(new Target(server, leg));
            }
        }
        return targets;
    }

    private static Target byPrefix(List<Target> targets, String prefix) {
        return targets.stream().filter(t -> t.server().prefix().equals(prefix)).findFirst().orElse(null);
    }

    private interface Call {
        Outcome apply(Target target) throws Exception;
    }

    /** Runs {@code call} for every target at once; an upstream failing is its own outcome, never everyone's. */
    private List<Outcome> fanOut(List<Target> targets, Call call) throws InterruptedException {
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Target t : targets) {
                futures.add(pool.submit(() -> {
                    try {
                        return call.apply(t);
                    } catch (Credentials.UnavailableException e) {
                        return failed(t, e.getMessage());
                    } catch (IOException e) {
                        return failed(t, "unreachable (" + Upstream.reason(e) + ")");
                    }
                }));
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("the client went away");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                outcomes.add(failed(targets.get(i), "failed"));
            }
        }
        return outcomes;
    }

    private static Outcome failed(Target target, String why) {
        return new Outcome(target, null, "MCP server '" + target.server().name() + "' " + why, false);
    }

    private byte[] event(JsonNode message) throws IOException {
        return ("data: " + json.writeValueAsString(message) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void answer(ResponseStream stream, JsonNode message) throws IOException {
        stream.sendHeaders(200, McpHeaders.json());
        stream.sendBody(json.writeValueAsBytes(message));
        stream.done();
    }

    private void accepted(ResponseStream stream) throws IOException {
        stream.sendHeaders(202, Headers.empty());
        stream.done();
    }

    private void rpcError(ResponseStream stream, int status, JsonNode id, int code, String message) throws IOException {
        stream.sendHeaders(status, McpHeaders.json());
        stream.sendBody(json.writeValueAsBytes(Rpc.error(json, id, code, message)));
        stream.done();
    }
}
