package io.aigw.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's baseline: a bare Helidon handler doing the echo plugin's work and producing its
 * answer (same JSON, same headers), with no gateway in between (no route table, auth, plugin call
 * or timeout thread). {@code bench/run.sh} sends it the very requests the gateway gets, App token
 * included; like the plugin, it never sees that token in its echo. Not part of the product.
 */
public final class BareEchoServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeaderName VERSION = HeaderNames.create("X-Echo-Plugin-Version");
    /** The echo plugin's diagnostic switches, off by default: it looks for them in every query. */
    private static final List<String> SWITCHES = List.of("sleep_ms", "busy_ms", "fail");

    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "18090");
        WebServer server = WebServer.builder().port(port)
                .routing(r -> r.any("/bare/*", BareEchoServer::echo))
                .build().start();
        System.out.println("bare echo on port " + server.port());
    }

    /** Made like the gateway makes its request ids (a random UUID from the thread's fast generator). */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xf000L | 0x4000L, random.nextLong() & ~(0xcL << 60) | 0x8L << 60)
                .toString();
    }

    /** The client's address as the plugin gets it: the IP address alone. */
    private static String remoteAddress(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(req.remotePeer().address());
    }

    /** The query parsed as the echo plugin parses it (repeated keys keep every value). */
    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static void echo(ServerRequest req, ServerResponse res) throws Exception {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(1024 * 1024 + 1);
        }
        Map<String, List<String>> query = query(req.query().rawValue());
        String refused = SWITCHES.stream().filter(query::containsKey).findFirst().orElse(null);
        if (refused != null) {
            res.status(400).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(JSON.createObjectNode().put("error", "diagnostic switch '" + refused + "' is off").toString());
            return;
        }
        String path = req.path().path();
        String relative = path.substring("/bare".length());
        ObjectNode out = JSON.createObjectNode()
                .put("method", req.prologue().method().text())
                .put("path", path)
                .put("relative_path", relative)
                .put("query_string", req.query().rawValue())
                .put("remote_addr", remoteAddress(req))
                .put("host", req.headers().first(HeaderNames.HOST).orElse(""))
                .put("protocol", "http")
                .put("request_id", requestId())
                .put("body_size", body.length)
                .put("authenticated", true)
                .put("plugin_version", "bare");
        ArrayNode segments = out.putArray("path_segments");
        for (String s : relative.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        ObjectNode headers = out.putObject("headers");
        req.headers().forEach(h -> {
            if (!h.headerName().equals(HeaderNames.AUTHORIZATION)) { // the gateway takes the token out
                ArrayNode values = headers.putArray(h.name());
                h.allValues().forEach(values::add);
            }
        });
        out.putArray("scopes"); // the bench's credential has none
        ObjectNode app = out.putObject("app").put("id", 1).put("name", "bench");
        app.putObject("metadata").put("tier", "bench");
        app.putArray("plugin_resources");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(VERSION, "bare");
        List<String> cookies = query.getOrDefault("set_cookie", List.of());
        if (!cookies.isEmpty()) {
            res.header(HeaderNames.SET_COOKIE, cookies.toArray(String[]::new));
        }
        res.send(JSON.writeValueAsBytes(out));
    }
}
