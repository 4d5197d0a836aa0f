package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceFormComponent;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * A governed registry of MCP servers and an app-scoped MCP gateway, in one plugin.
 * <ul>
 *   <li><b>Resource Provider</b> of type {@code mcp_servers}: admins register upstream MCP servers
 *       (Streamable HTTP) with a privacy score, or approve users' submissions; groups are granted
 *       them and Apps bundle them. Each server lives in the plugin's store ({@link ServerCatalog});
 *       its upstream credential too, under a key of its own, never in the instance's metadata.
 *       {@code max_servers_per_app} (default 10) bounds an App's selection.</li>
 *   <li><b>Custom Endpoint</b> (slug {@code mcp}): {@code /servers/{id}/mcp} pipes MCP to one
 *       server the calling App holds ({@link PassThrough}); {@code /mcp} is one MCP server fronting
 *       all of them ({@link Aggregator}); {@code GET /servers} lists them.</li>
 *   <li><b>UI</b> ({@link McpRegistryUi}): the {@code mcp-server-selector} Web Component for the
 *       App form and an admin page adding, editing and deactivating servers over RPC.</li>
 * </ul>
 */
public final class McpRegistryPlugin implements ResourceProvider, CustomEndpointHandler, UIProvider {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ResourceTypeRegistration TYPE = new ResourceTypeRegistration(HeldServers.TYPE, "MCP Servers",
            "Remote MCP servers (Streamable HTTP) that Apps reach through the gateway", "Hub", true, true,
            new ResourceFormComponent("mcp-server-selector", "ui/webc/mcp-selector.js"));

    private volatile Settings settings;
    private volatile ServerCatalog catalog;
    private volatile Upstream upstream;
    private volatile PassThrough passThrough;
    private volatile Aggregator aggregator;
    private volatile McpRegistryUi ui;
    private volatile System.Logger log = System.getLogger(McpRegistryPlugin.class.getName());

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        log = context.logger();
        settings = Settings.of(config);
        catalog = new ServerCatalog(context.store(), JSON, log);
        upstream = new Upstream(settings.connectTimeout());
        passThrough = new PassThrough(upstream, new Credentials(catalog));
        byte[] key = settings.sessionKey().orElseGet(() -> {
            log.log(WARNING, "config 'session_key' is not set: aggregated MCP sessions are sealed with a key of this "
                    + "process only, so they end with it and no other gateway can continue them");
            byte[] own = new byte[32];
            new SecureRandom().nextBytes(own);
            return own;
        });
        aggregator = new Aggregator(upstream, new Credentials(catalog), new SessionSeal(key), settings, JSON);
        ui = new McpRegistryUi(JSON, log);
        log.log(INFO, "MCP registry ready: at most {0} servers per App", settings.maxServersPerApp());
    }

    @Override
    public void shutdown() {
        Aggregator a = aggregator;
        if (a != null) {
            a.close(); // before the upstream client goes: calls waiting for input are refused to their upstreams
        }
        Upstream u = upstream;
        if (u != null) {
            u.close();
        }
    }

    // ---- Resource Provider

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        return List.of(TYPE);
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        type(slug);
        return catalog.list().stream().map(s -> s.instance(JSON)).toList();
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) {
        type(slug);
        return catalog.get(instanceId).map(s -> s.instance(JSON)).orElse(null);
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws ResourceSelectionRejectedException {
        type(slug);
        List<String> selected = new ArrayList<>(new LinkedHashSet<>(instanceIds));
        int max = settings.maxServersPerApp();
        if (selected.size() > max) {
            throw new ResourceSelectionRejectedException("an App may hold at most " + max + " MCP server"
                    + (max == 1 ? "" : "s") + "; App " + appId + " selects " + selected.size());
        }
        // the aggregated endpoint names everything '<prefix>__<name>': two servers with one prefix
        // would collide on every name, so such a selection is refused here rather than renamed there
        Map<String, String> byPrefix = new HashMap<>();
        for (String id : selected) {
            Optional<McpServer> server = catalog.get(id);
            if (server.isEmpty()) {
                continue; // the control plane has refused unknown ids already
            }
            String other = byPrefix.putIfAbsent(server.get().prefix(), server.get().name());
            if (other != null) {
                throw new ResourceSelectionRejectedException("MCP servers '" + other + "' and '" + server.get().name()
                        + "' share the prefix '" + server.get().prefix() + "': their tools would collide at "
                        + "/plugins/mcp/mcp; an App may hold only one of them");
            }
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload)
            throws ResourcePayloadRejectedException {
        type(slug);
        ServerDraft draft = ServerDraft.parse(payload, JSON);
        McpServer created = catalog.create(draft);
        log.log(INFO, "registered MCP server ''{0}'' at {1} (privacy score {2}, upstream auth {3})", created.id(),
                created.url().getHost(), created.privacyScore(), created.auth().kind());
        return created.instance(JSON);
    }

    private static void type(String slug) {
        if (!HeldServers.TYPE.equals(slug)) {
            throw new IllegalArgumentException("this plugin has no resource type '" + slug + "'");
        }
    }

    // ---- UI

    @Override
    public UiAsset getAsset(String path) {
        return ui.asset(path);
    }

    @Override
    public byte[] getManifest() {
        return ui.manifest();
    }

    @Override
    public byte[] handleRpc(RequestContext context, UiCaller caller, String method, byte[] payload) throws Exception {
        return ui.rpc(caller, method, payload, settings, catalog);
    }

    // ---- Custom Endpoint

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(
                EndpointRegistration.builder("/servers").methods("GET").requireAuth(true)
                        .description("The MCP servers the calling App holds, with their endpoints").build(),
                EndpointRegistration.builder("/servers/*").methods("GET", "POST", "DELETE").requireAuth(true)
                        .streamResponse(true)
                        .description("MCP Streamable HTTP to one server the App holds: /servers/{id}/mcp").build(),
                EndpointRegistration.builder("/mcp").methods("GET", "POST", "DELETE").requireAuth(true)
                        .streamResponse(true)
                        .description("One MCP server fronting every server the App holds").build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) throws Exception {
        if (!request.relativePath().equals("/servers")) {
            return Answers.unary(404, "no such endpoint");
        }
        String base = request.path().substring(0, request.path().length() - "/servers".length());
        ObjectNode body = JSON.createObjectNode();
        body.put("aggregated_endpoint", base + "/mcp");
        ArrayNode servers = body.putArray("servers");
        for (McpServer s : HeldServers.of(request, JSON).values()) {
            servers.addObject().put("id", s.id()).put("name", s.name()).put("description", s.description())
                    .put("prefix", s.prefix()).put("is_active", s.active())
                    .put("endpoint", base + "/servers/" + s.id() + "/mcp");
        }
        return EndpointResponse.json(200, body.toString());
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request, ResponseStream stream)
            throws Exception {
        List<String> segments = request.pathSegments();
        if (segments.equals(List.of("mcp"))) {
            aggregator.serve(context, request, stream);
            return;
        }
        if (segments.size() != 3 || !segments.get(0).equals("servers") || !segments.get(2).equals("mcp")) {
            Answers.error(stream, 404, "no such endpoint: MCP servers are at /servers/{id}/mcp");
            return;
        }
        String id = segments.get(1);
        McpServer server = HeldServers.of(request, JSON).get(id);
        if (server == null) {
            Answers.error(stream, known(id) ? 403 : 404, known(id)
                    ? "MCP server '" + id + "' is not one of this App's servers"
                    : "no MCP server '" + id + "'");
            return;
        }
        if (!server.active()) {
            Answers.error(stream, 403, "MCP server '" + server.name() + "' is deactivated");
            return;
        }
        passThrough.serve(context, request, stream, server);
    }

    /**
     * Whether {@code id} names a registered server, for telling "not yours" (403) from "no such"
     * (404). Where the store cannot be reached (an edge cut off from its control plane) every
     * well-formed id counts as known: the answer is then 403 either way, which reveals nothing.
     */
    private boolean known(String id) {
        if (!ServerCatalog.wellFormed(id)) {
            return false;
        }
        try {
            return catalog.get(id).isPresent();
        } catch (PluginStoreException e) {
            return true;
        }
    }
}
