package io.aigw.studio.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real MCP server for the tests: the official Java SDK's server with its Streamable HTTP
 * transport, in an embedded Tomcat on a free port, at {@code /mcp}. Its tools:
 * <ul>
 *   <li>{@code echo {text}}: answers {@code "<label>: <text>"};</li>
 *   <li>{@code count {n, interval_ms}}: sends n progress notifications, one every interval_ms
 *       (each with the server's clock in its message), then answers {@code "counted n"};</li>
 *   <li>{@code whoami}: answers the headers this server received, as {@code name=value} lines.</li>
 * </ul>
 * a prompt {@code greeting {name}} and a resource {@code docs://<label>/readme}. Every request's
 * headers are recorded ({@link #requests()}), so a test can see what the gateway forwarded.
 */
final class UpstreamMcpServer implements AutoCloseable {

    /** One HTTP request as this server saw it: method and headers (lower-case names). */
    record Seen(String method, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private final String label;
    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private final int port;

    UpstreamMcpServer(String label) throws IOException, LifecycleException {
        this(label, false);
    }

    /**
     * With {@code asks}, also a tool {@code ask {question}} that asks the client's LLM (sampling) and
     * answers with its reply, and {@code confirm {what}} that asks the client's user (elicitation,
     * a form with a boolean {@code ok}) and answers with the action and what the form held.
     */
    UpstreamMcpServer(String label, boolean asks) throws IOException, LifecycleException {
        this.label = label;
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        server = McpServer.sync(transport)
                .serverInfo("upstream-" + label, "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).prompts(true).resources(true, true)
                        .logging().build())
                .tools(asks ? List.of(echo(), count(), whoami(), ask(), confirm()) : List.of(echo(), count(), whoami()))
                .prompts(greeting())
                .resources(readme())
                .build();
        Path base = Files.createTempDirectory("upstream-mcp-");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", base.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        FilterDef recorder = new FilterDef();
        recorder.setFilterName("recorder");
        recorder.setFilter((Filter) (req, res, chain) -> {
            HttpServletRequest http = (HttpServletRequest) req;
            Map<String, List<String>> headers = new TreeMap<>();
            for (String name : Collections.list(http.getHeaderNames())) {
                headers.put(name.toLowerCase(Locale.ROOT), Collections.list(http.getHeaders(name)));
            }
            requests.add(new Seen(http.getMethod(), headers));
            chain.doFilter(req, res);
            String minted = ((jakarta.servlet.http.HttpServletResponse) res).getHeader("Mcp-Session-Id");
            if (minted != null && http.getHeader("Mcp-Session-Id") == null) {
                sessions.add(minted);
            }
        });
        recorder.setAsyncSupported("true");
        context.addFilterDef(recorder);
        FilterMap map = new FilterMap();
        map.setFilterName("recorder");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.getConnector();
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    String label() {
        return label;
    }

    /** Tells every session's listening stream (the GET stream) that the tool list changed. */
    void toolsChanged() {
        server.notifyToolsListChanged();
    }

    /** Tells every session's listening stream that the prompt list changed. */
    void promptsChanged() {
        server.notifyPromptsListChanged();
    }

    /** Tells the sessions subscribed to this server's readme (on their GET streams) that it changed. */
    void readmeUpdated() {
        server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification("docs://" + label + "/readme"));
    }

    /** The session ids this server handed out, oldest first. */
    List<String> sessions() {
        return new ArrayList<>(sessions);
    }

    /** Whether a DELETE for session {@code id} came in. */
    boolean deleted(String id) {
        return requests.stream().anyMatch(r -> r.method().equals("DELETE") && id.equals(r.header("mcp-session-id")));
    }

    List<Seen> requests() {
        return new ArrayList<>(requests);
    }

    private McpServerFeatures.SyncToolSpecification echo() {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("echo").description("Echoes text, naming the server")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))))
                        .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent(label + ": " + request.arguments().get("text")).build())
                .build();
    }

    private McpServerFeatures.SyncToolSpecification count() {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("count").description("Counts with progress notifications")
                        .inputSchema(Map.of("type", "object", "properties", Map.of(
                                "n", Map.of("type", "integer"), "interval_ms", Map.of("type", "integer"))))
                        .build())
                .callHandler((exchange, request) -> {
                    int n = ((Number) request.arguments().getOrDefault("n", 3)).intValue();
                    long interval = ((Number) request.arguments().getOrDefault("interval_ms", 200)).longValue();
                    Object token = request.meta() == null ? null : request.meta().get("progressToken");
                    for (int i = 1; i <= n; i++) {
                        if (token != null) {
                            exchange.progressNotification(new McpSchema.ProgressNotification(token, i, (double) n,
                                    "sent_at_ms=" + System.currentTimeMillis()));
                        }
                        try {
                            Thread.sleep(interval);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent("counted " + n + " finished_at_ms=" + System.currentTimeMillis()).build();
                })
                .build();
    }

    private McpServerFeatures.SyncToolSpecification whoami() {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("whoami").description("The headers this server received")
                        .inputSchema(Map.of("type", "object")).build())
                .callHandler((exchange, request) -> {
                    Seen last = requests.getLast();
                    StringBuilder text = new StringBuilder();
                    last.headers().forEach((name, values) -> values.forEach(v -> text.append(name).append('=')
                            .append(v).append('\n')));
                    return McpSchema.CallToolResult.builder().addTextContent(text.toString()).build();
                })
                .build();
    }

    private McpServerFeatures.SyncToolSpecification ask() {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("ask").description("Asks the client's LLM")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("question", Map.of("type", "string"))))
                        .build())
                .callHandler((exchange, request) -> {
                    McpSchema.CreateMessageResult reply = exchange.createMessage(McpSchema.CreateMessageRequest.builder(
                            List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(
                                    String.valueOf(request.arguments().get("question"))))), 50).build());
                    return McpSchema.CallToolResult.builder().addTextContent(label + " was told: "
                            + ((McpSchema.TextContent) reply.content()).text()).build();
                })
                .build();
    }

    private McpServerFeatures.SyncToolSpecification confirm() {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name("confirm").description("Asks the client's user to confirm")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("what", Map.of("type", "string"))))
                        .build())
                .callHandler((exchange, request) -> {
                    McpSchema.ElicitResult reply = exchange.createElicitation(McpSchema.ElicitRequest.builder(
                            "Confirm " + request.arguments().get("what") + "?", Map.of("type", "object",
                                    "properties", Map.of("ok", Map.of("type", "boolean")))).build());
                    return McpSchema.CallToolResult.builder().addTextContent(label + " got " + reply.action()
                            .name().toLowerCase(Locale.ROOT) + " " + reply.content()).build();
                })
                .build();
    }

    private McpServerFeatures.SyncPromptSpecification greeting() {
        McpSchema.Prompt prompt = new McpSchema.Prompt("greeting", "Greets someone",
                List.of(new McpSchema.PromptArgument("name", "who", true)));
        return new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) ->
                new McpSchema.GetPromptResult("greeting", List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent(label + " greets " + request.arguments().get("name"))))));
    }

    private McpServerFeatures.SyncResourceSpecification readme() {
        String uri = "docs://" + label + "/readme";
        McpSchema.Resource resource = McpSchema.Resource.builder().uri(uri).name("readme").mimeType("text/plain").build();
        return new McpServerFeatures.SyncResourceSpecification(resource, (exchange, request) ->
                new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain",
                        "the readme of " + label))));
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException ignored) {
            // best effort
        }
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException ignored) {
            // the port goes with the JVM at worst
        }
    }
}
