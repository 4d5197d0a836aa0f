package io.aigw.examples.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiRpcRefusedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plugin's UI in the control plane: the {@code kb-selector} Web Component the App form shows
 * for knowledge bases (seed 003's contract: {@code data-selected-ids}, {@code data-app-id},
 * {@code data-mode}, {@code pluginAPI}, {@code selection-change}) and an admin page; and the RPC
 * methods they call:
 * <ul>
 *   <li>{@code settings} (anyone signed in): {@code {"max_per_app", "default_region"}}, so the
 *       selector can say how many may be picked;</li>
 *   <li>{@code stats} (admins only): how many instances of each type the plugin keeps.</li>
 * </ul>
 * Assets are a fixed list packaged with the plugin's classes: no path the browser sends can reach
 * any other file.
 */
final class PluginUi {

    static final String MANIFEST = """
            {"admin_pages": [{"id": "overview", "title": "Knowledge Bases", "tag": "kb-admin-page",
                              "entry_point": "ui/admin.js"}]}
            """;
    static final String CONFIG_SCHEMA = """
            {"type": "object",
             "properties": {
               "max_per_app": {"type": "integer", "title": "Most per App", "minimum": 1, "maximum": 1000,
                               "default": 5,
                               "description": "How many instances of one type an App may hold."},
               "default_region": {"type": "string", "title": "Default region",
                                  "pattern": "^[a-z]{2,12}(-[a-z0-9]{1,12}){0,3}$", "default": "eu",
                                  "description": "Region of a knowledge base created without one, e.g. eu or us-east."}
             },
             "additionalProperties": false}
            """;
    private static final Map<String, String> ASSETS = Map.of(
            "ui/webc/kb-selector.js", "text/javascript",
            "ui/admin.js", "text/javascript");

    private final ObjectMapper json;

    PluginUi(ObjectMapper json) {
        this.json = json;
    }

    UiAsset asset(String path) {
        String type = ASSETS.get(path);
        if (type == null) {
            return null;
        }
        try (InputStream in = PluginUi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("asset " + path + " is missing from the plugin's jar");
            }
            return new UiAsset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] rpc(UiCaller caller, String method, Settings settings, Supplier<Map<Kind, Integer>> counts)
            throws UiRpcRefusedException, IOException {
        ObjectNode answer = json.createObjectNode();
        switch (method) {
            case "settings" -> answer.put("max_per_app", settings.maxPerApp())
                    .put("default_region", settings.defaultRegion());
            case "stats" -> {
                if (!caller.isAdmin()) {
                    throw new UiRpcRefusedException(UiRpcRefusedException.Reason.FORBIDDEN,
                            "only admins may see the knowledge base statistics");
                }
                ObjectNode instances = answer.putObject("instances");
                counts.get().forEach((kind, n) -> instances.put(kind.slug(), n));
                answer.put("max_per_app", settings.maxPerApp()).put("default_region", settings.defaultRegion());
            }
            default -> throw new UiRpcRefusedException(UiRpcRefusedException.Reason.NOT_FOUND,
                    "the knowledge bases plugin has no method '" + method + "' (it has settings and stats)");
        }
        return json.writeValueAsBytes(answer);
    }

    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
