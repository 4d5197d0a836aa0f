package io.aigw.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's baseline: a bare Helidon handler producing the same echo JSON as the echo plugin,
 * with no gateway in between (no route table, auth, plugin call or timeout thread).
 * Run by {@code bench/run.sh}; not part of the product.
 */
public final class BareEchoServer {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static void echo(ServerRequest req, ServerResponse res) throws Exception {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(1024 * 1024 + 1);
        }
        String path = req.path().path();
        String relative = path.substring("/bare".length());
        ObjectNode out = JSON.createObjectNode()
                .put("method", req.prologue().method().text())
                .put("path", path)
                .put("relative_path", relative)
                .put("query_string", req.query().rawValue())
                .put("remote_addr", req.remotePeer().address().toString())
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
            ArrayNode values = headers.putArray(h.name());
            h.allValues().forEach(values::add);
        });
        out.putArray("scopes").add("bench");
        out.putObject("app").put("id", 1).put("name", "bench").putObject("metadata").put("tier", "bench");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(JSON.writeValueAsBytes(out));
    }
}
