import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP benchmark's upstream: a small, fast MCP server (Streamable HTTP, revisions 2025-06-18 and
 * 2025-11-25) at {@code /mcp}, started {@code count} times on consecutive ports in one JVM so that 20
 * upstreams do not cost 20 JVMs on the benchmark machine. Every answer is JSON (never SSE), as the
 * transport allows for a request answered at once. It keeps sessions like a real server: initialize
 * hands out an {@code Mcp-Session-Id}, every later request must carry a live one (404 otherwise), and
 * DELETE ends it.
 * <p>
 * Tools: {@code echo {message}} answers the message; {@code add {a, b}} the sum; {@code now} the
 * server's clock. Not part of the product: run by {@code bench/mcp.sh} as
 * {@code java -cp 'studio-api/target/lib/*' tools/mcp-bench/McpBenchServer.java <first port> <count>}.
 */
public final class McpBenchServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeaderName SESSION = HeaderNames.create("Mcp-Session-Id");
    private static final List<String> VERSIONS = List.of("2025-06-18", "2025-11-25");
    private static final byte[] TOOLS = tools();

    private final String name;
    // never pruned: a benchmark run opens at most some hundred thousand sessions
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    private McpBenchServer(String name) {
        this.name = name;
    }

    public static void main(String[] args) {
        int first = Integer.parseInt(args.length > 0 ? args[0] : "18300");
        int count = Integer.parseInt(args.length > 1 ? args[1] : "1");
        for (int i = 0; i < count; i++) {
            McpBenchServer mcp = new McpBenchServer("bench-" + (i + 1));
            WebServer server = WebServer.builder().port(first + i)
                    .routing(r -> r.post("/mcp", mcp::post).get("/mcp", McpBenchServer::noStream)
                            .delete("/mcp", mcp::delete))
                    .build().start();
            System.out.println("MCP server " + mcp.name + " on port " + server.port());
        }
        System.out.println("ready");
    }

    private void post(ServerRequest req, ServerResponse res) throws Exception {
        JsonNode message;
        try (InputStream in = req.content().inputStream()) {
            message = JSON.readTree(in);
        } catch (Exception e) {
            json(res, Status.BAD_REQUEST_400, error(null, -32700, "the body is not JSON"));
            return;
        }
        if (message == null || !message.isObject()) {
            json(res, Status.BAD_REQUEST_400, error(null, -32600, "one JSON-RPC message per request"));
            return;
        }
        String method = message.path("method").asText("");
        JsonNode id = message.get("id");
        if (method.equals("initialize") && id != null) {
            String asked = message.path("params").path("protocolVersion").asText("");
            String version = VERSIONS.contains(asked) ? asked : VERSIONS.getLast();
            String session = UUID.randomUUID().toString();
            sessions.add(session);
            ObjectNode result = JSON.createObjectNode().put("protocolVersion", version);
            result.putObject("capabilities").putObject("tools").put("listChanged", false);
            result.putObject("serverInfo").put("name", name).put("version", "1");
            res.header(SESSION, session);
            json(res, Status.OK_200, JSON.writeValueAsBytes(result(id, result)));
            return;
        }
        String session = req.headers().first(SESSION).orElse(null);
        if (session == null) {
            json(res, Status.BAD_REQUEST_400, error(id, -32600, "Mcp-Session-Id is required: initialize first"));
            return;
        }
        if (!sessions.contains(session)) {
            json(res, Status.NOT_FOUND_404, error(id, -32001, "unknown session"));
            return;
        }
        if (id == null) { // a notification or a response: nothing to answer
            res.status(Status.ACCEPTED_202).send();
            return;
        }
        switch (method) {
            case "ping" -> json(res, Status.OK_200, JSON.writeValueAsBytes(result(id, JSON.createObjectNode())));
            case "tools/list" -> {
                byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"result\":").getBytes();
                byte[] body = new byte[head.length + TOOLS.length + 1];
                System.arraycopy(head, 0, body, 0, head.length);
                System.arraycopy(TOOLS, 0, body, head.length, TOOLS.length);
                body[body.length - 1] = '}';
                json(res, Status.OK_200, body);
            }
            case "tools/call" -> json(res, Status.OK_200, call(id, message.path("params")));
            default -> json(res, Status.OK_200, error(id, -32601, "method not found: " + method));
        }
    }

    private byte[] call(JsonNode id, JsonNode params) throws Exception {
        JsonNode args = params.path("arguments");
        String text = switch (params.path("name").asText("")) {
            case "echo" -> args.path("message").asText("");
            case "add" -> String.valueOf(args.path("a").asLong() + args.path("b").asLong());
            case "now" -> String.valueOf(System.currentTimeMillis());
            default -> null;
        };
        if (text == null) {
            return error(id, -32602, "unknown tool '" + params.path("name").asText("") + "'");
        }
        ObjectNode result = JSON.createObjectNode().put("isError", false);
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return JSON.writeValueAsBytes(result(id, result));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String session = req.headers().first(SESSION).orElse("");
        res.status(sessions.remove(session) ? Status.OK_200 : Status.NOT_FOUND_404).send();
    }

    /** This server sends nothing unprompted, so it offers no GET stream (the transport's 405). */
    private static void noStream(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, "POST, DELETE").status(Status.METHOD_NOT_ALLOWED_405).send();
    }

    private static void json(ServerResponse res, Status status, byte[] body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0");
        m.set("id", id);
        m.set("result", result);
        return m;
    }

    private static byte[] error(JsonNode id, int code, String message) throws Exception {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0");
        m.set("id", id);
        m.putObject("error").put("code", code).put("message", message);
        return JSON.writeValueAsBytes(m);
    }

    private static byte[] tools() {
        try {
            return JSON.writeValueAsBytes(JSON.readTree("""
                    {"tools": [
                      {"name": "echo", "description": "Answers the message it is given.",
                       "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}},
                                       "required": ["message"]}},
                      {"name": "add", "description": "Adds two whole numbers.",
                       "inputSchema": {"type": "object", "properties": {"a": {"type": "integer"},
                                       "b": {"type": "integer"}}, "required": ["a", "b"]}},
                      {"name": "now", "description": "The server's clock, in milliseconds since the epoch.",
                       "inputSchema": {"type": "object", "properties": {}}}
                    ]}"""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
