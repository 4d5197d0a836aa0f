package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiRpcRefusedException;
import io.aigw.plugin.api.UiRpcRefusedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import static java.lang.System.Logger.Level.INFO;

/**
 * The registry's UI in the control plane: the {@code mcp-server-selector} Web Component the App
 * form shows for MCP servers (seed 003's contract), the {@code mcp-admin-page} admin page, and the
 * RPC methods they call:
 * <ul>
 *   <li>{@code settings} (anyone signed in): {@code {"max_servers_per_app"}}, a hint for the selector;</li>
 *   <li>{@code servers} (admins): every registered server, active or not, with its url, prefix and
 *       how it authenticates upstream ({@code has_secret}, never the secret);</li>
 *   <li>{@code add} (admins): a server's payload as for creating an instance → the new server;</li>
 *   <li>{@code edit} (admins): {@code {"id", ...fields}}: the given fields replace the stored ones
 *       ({@code auth} as a whole); a header auth without {@code secret} keeps the stored one;</li>
 *   <li>{@code deactivate} / {@code activate} (admins): {@code {"id"}}.</li>
 * </ul>
 * A secret is write-only: no answer carries one. Assets are a fixed list packaged with the
 * plugin's classes, so no path the browser sends reaches any other file.
 */
final class McpRegistryUi {

    static final String MANIFEST = """
            {"admin_pages": [{"id": "servers", "title": "MCP Servers", "tag": "mcp-admin-page",
                              "entry_point": "ui/admin.js"}]}
            """;
    private static final Map<String, String> ASSETS = Map.of(
            "ui/webc/mcp-selector.js", "text/javascript",
            "ui/admin.js", "text/javascript");

    private final ObjectMapper json;
    private final System.Logger log;

    McpRegistryUi(ObjectMapper json, System.Logger log) {
        this.json = json;
        this.log = log;
    }

    UiAsset asset(String path) {
        String type = ASSETS.get(path);
        if (type == null) {
            return null;
        }
        try (InputStream in = McpRegistryUi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("asset " + path + " is missing from the plugin's jar");
            }
            return new UiAsset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] manifest() {
        return MANIFEST.getBytes(StandardCharsets.UTF_8);
    }

    byte[] rpc(UiCaller caller, String method, byte[] payload, Settings settings, ServerCatalog catalog)
            throws UiRpcRefusedException, IOException {
        if (method.equals("settings")) {
            return json.writeValueAsBytes(json.createObjectNode()
                    .put("max_servers_per_app", settings.maxServersPerApp()));
        }
        if (!Map.of("servers", 1, "add", 1, "edit", 1, "deactivate", 1, "activate", 1).containsKey(method)) {
            throw new UiRpcRefusedException(Reason.NOT_FOUND, "the MCP registry has no method '" + method
                    + "' (it has settings, servers, add, edit, deactivate and activate)");
        }
        if (!caller.isAdmin()) {
            throw new UiRpcRefusedException(Reason.FORBIDDEN, "only admins may manage MCP servers");
        }
        JsonNode answer = switch (method) {
            case "servers" -> {
                ArrayNode list = json.createArrayNode();
                catalog.list().stream().sorted(Comparator.comparing(McpServer::name, String.CASE_INSENSITIVE_ORDER))
                        .forEach(s -> list.add(view(s, catalog)));
                yield json.createObjectNode().set("servers", list);
            }
            case "add" -> {
                McpServer created = catalog.create(draft(payload, false));
                log.log(INFO, "admin {0} registered MCP server ''{1}'' at {2} (privacy score {3})", caller.email(),
                        created.id(), created.url().getHost(), created.privacyScore());
                yield view(created, catalog);
            }
            case "edit" -> {
                String id = id(payload);
                McpServer old = catalog.get(id).orElseThrow(() -> noSuch(id));
                ObjectNode merged = current(old);
                ObjectNode changes = object(payload);
                changes.remove("id");
                merged.setAll(changes);
                boolean secretKept = catalog.secret(id).isPresent();
                McpServer edited = catalog.update(id, draft(json.writeValueAsBytes(merged), secretKept))
                        .orElseThrow(() -> noSuch(id));
                log.log(INFO, "admin {0} edited MCP server ''{1}''", caller.email(), id);
                yield view(edited, catalog);
            }
            default -> {
                String id = id(payload);
                boolean active = method.equals("activate");
                McpServer changed = catalog.setActive(id, active).orElseThrow(() -> noSuch(id));
                log.log(INFO, "admin {0} {1} MCP server ''{2}''", caller.email(), active ? "activated" : "deactivated",
                        id);
                yield view(changed, catalog);
            }
        };
        return json.writeValueAsBytes(answer);
    }

    /** A server as the admin page shows it: whether a secret is stored, never the secret. */
    private ObjectNode view(McpServer s, ServerCatalog catalog) {
        ObjectNode v = json.createObjectNode()
                .put("id", s.id())
                .put("name", s.name())
                .put("description", s.description())
                .put("url", s.url().toString())
                .put("prefix", s.prefix())
                .put("privacy_score", s.privacyScore())
                .put("is_active", s.active());
        ObjectNode auth = v.putObject("auth").put("type", s.auth().kind());
        if (s.auth() instanceof UpstreamAuth.StaticHeader h) {
            auth.put("header_name", h.headerName()).put("has_secret", catalog.secret(s.id()).isPresent());
        }
        return v;
    }

    /** The stored server as an edit's starting point (without its secret, which the draft may keep). */
    private ObjectNode current(McpServer s) {
        ObjectNode body = json.createObjectNode()
                .put("name", s.name())
                .put("description", s.description())
                .put("url", s.url().toString())
                .put("prefix", s.prefix())
                .put("privacy_score", s.privacyScore());
        ObjectNode auth = body.putObject("auth").put("type", s.auth().kind());
        if (s.auth() instanceof UpstreamAuth.StaticHeader h) {
            auth.put("header_name", h.headerName());
        }
        return body;
    }

    private ServerDraft draft(byte[] payload, boolean secretKept) throws UiRpcRefusedException {
        try {
            return ServerDraft.parse(payload, json, secretKept);
        } catch (ResourcePayloadRejectedException e) {
            throw new UiRpcRefusedException(Reason.INVALID, e.getMessage());
        }
    }

    private ObjectNode object(byte[] payload) throws UiRpcRefusedException {
        JsonNode node;
        try {
            node = payload == null || payload.length == 0 ? null : json.readTree(payload);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new UiRpcRefusedException(Reason.INVALID, "the payload must be a JSON object with the server's 'id'");
        }
        return (ObjectNode) node;
    }

    private String id(byte[] payload) throws UiRpcRefusedException {
        JsonNode id = object(payload).get("id");
        return Optional.ofNullable(id).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseThrow(() -> new UiRpcRefusedException(Reason.INVALID, "'id' is required: the server's id"));
    }

    private static UiRpcRefusedException noSuch(String id) {
        return new UiRpcRefusedException(Reason.NOT_FOUND, "no MCP server '" + id + "'");
    }
}
