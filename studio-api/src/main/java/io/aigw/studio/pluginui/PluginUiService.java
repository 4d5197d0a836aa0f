package io.aigw.studio.pluginui;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiLimits;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.RequestId;
import io.aigw.studio.json.Json;
import io.aigw.studio.json.JsonInputException;
import io.aigw.studio.plugins.PluginRepository;
import io.aigw.studio.plugins.PluginRow;
import io.aigw.studio.web.AssetPath;
import io.aigw.studio.web.ContentTypes;
import io.aigw.studio.web.UiHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * A plugin's own UI, served on the API's origin to signed-in users (admins and users alike: what a
 * method may do for whom is the plugin's decision, made on the caller's identity it gets):
 * <ul>
 *   <li>{@code GET /api/v1/plugins/{id}/ui/manifest}: its UI manifest (a JSON object);</li>
 *   <li>{@code GET /api/v1/plugins/{id}/ui/assets/{path}}: one asset, e.g. a resource type's
 *       {@code form_component} module; paths that could leave the plugin are a 400, content types
 *       outside the UI's allow-list and assets over 5 MiB a 502; browsers keep an asset 5 minutes;</li>
 *   <li>{@code POST /api/v1/plugins/{id}/ui/rpc/{method}}: {@code pluginAPI.call(method, payload)},
 *       the JSON payload (at most 1 MiB) and the caller's {@code {user_id, email, is_admin}} passed to
 *       the plugin, its JSON answer passed back; the copies Apps keep of the plugin's resource
 *       instances are brought up to date before it is (the call may have changed them).</li>
 * </ul>
 */
public final class PluginUiService implements ApiFeature {

    static final String BASE = "/api/v1/plugins/{id}/ui";
    private static final String ASSETS = "/ui/assets/";
    private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,127}");
    private static final String NO_UI = "has no UI";

    private final Database db;
    private final PluginUiCalls calls;
    private final LongConsumer afterRpc;
    private final PluginRepository plugins = new PluginRepository();

    public PluginUiService(Database db, PluginUiCalls calls) {
        this(db, calls, pluginId -> { });
    }

    /**
     * @param afterRpc told the plugin's id after each RPC call it answered, before the answer goes
     *                 out: the call may have changed its resource instances (an admin page editing
     *                 them), whose copies Apps keep
     */
    public PluginUiService(Database db, PluginUiCalls calls, LongConsumer afterRpc) {
        this.db = db;
        this.calls = calls;
        this.afterRpc = afterRpc;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get(BASE + "/manifest", Access.USER, this::manifest)
                .get(BASE + "/assets/{+path}", Access.USER, this::asset)
                .post(BASE + "/rpc/{method}", Access.USER, this::rpc);
    }

    private void manifest(ServerRequest req, ServerResponse res) {
        PluginRow plugin = plugin(req);
        byte[] manifest = calls.call(plugin, UIProvider.class, NO_UI, "serve its UI manifest", UIProvider::getManifest);
        JsonNode json = json(plugin, "its UI manifest", manifest, UiLimits.MAX_DOCUMENT_BYTES);
        if (!json.isObject()) {
            throw PluginUiCalls.badAnswer(plugin, "its UI manifest", "it is not a JSON object");
        }
        send(res, "application/json", "no-store", Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private void asset(ServerRequest req, ServerResponse res) {
        // the raw path: decoding first could turn %2e%2e or %2f into something the check would miss
        String raw = req.path().rawPath();
        int at = raw.indexOf(ASSETS);
        if (at < 0) {
            throw ApiException.badRequest("invalid asset path: '/ui/assets/' must be written as is");
        }
        String path = AssetPath.parse(raw.substring(at + ASSETS.length()));
        PluginRow plugin = plugin(req);
        String what = "serve asset '" + path + "'";
        UiAsset asset = calls.call(plugin, UIProvider.class, NO_UI, what, ui -> ui.getAsset(path));
        if (asset == null) {
            throw ApiException.notFound("no asset '" + path + "' in " + PluginUiCalls.describe(plugin));
        }
        if (asset.content().length > UiLimits.MAX_ASSET_BYTES) {
            throw PluginUiCalls.badAnswer(plugin, what, "it is larger than " + UiLimits.MAX_ASSET_BYTES + " bytes");
        }
        String type = ContentTypes.forAsset(asset.contentType(), path).orElseThrow(() -> PluginUiCalls.badAnswer(
                plugin, what, asset.contentType().isBlank() ? "no content type, and none is known for its extension"
                        : "content type '" + printable(asset.contentType()) + "' is not one the UI serves"));
        send(res, type, "private, max-age=300", asset.content());
    }

    private void rpc(ServerRequest req, ServerResponse res) {
        String method = req.path().pathParameters().get("method");
        if (!METHOD.matcher(method).matches()) {
            throw ApiException.badRequest("invalid RPC method name: it must match " + METHOD.pattern());
        }
        JsonNode payload = JsonBody.anyValue(req); // at most 1 MiB (JsonBody.MAX_BYTES), else 413
        byte[] payloadBytes = payload == null ? "null".getBytes(StandardCharsets.UTF_8)
                : Json.write(payload).getBytes(StandardCharsets.UTF_8);
        PluginRow plugin = plugin(req);
        Caller caller = Caller.of(req);
        UiCaller identity = new UiCaller(caller.userId(), caller.email(), caller.isAdmin());
        var context = BasicRequestContext.of(RequestId.current(req).value(),
                BasicPluginContext.loggerFor(plugin.name()));
        String what = "answer RPC '" + method + "'";
        byte[] answer = calls.call(plugin, UIProvider.class, NO_UI, what,
                ui -> ui.handleRpc(context, identity, method, payloadBytes));
        afterRpc.accept(plugin.id());
        JsonNode json = answer == null || answer.length == 0 ? null
                : json(plugin, "RPC '" + method + "'", answer, UiLimits.MAX_RPC_RESULT_BYTES);
        send(res, "application/json", "no-store",
                json == null ? "null".getBytes(StandardCharsets.UTF_8) : Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private PluginRow plugin(ServerRequest req) {
        long id = PathIds.get(req, "id", "plugin");
        return db.read(h -> plugins.find(h, id)).orElseThrow(() -> ApiException.notFound("plugin " + id + " not found"));
    }

    private static JsonNode json(PluginRow plugin, String what, byte[] bytes, int limit) {
        if (bytes.length > limit) {
            throw PluginUiCalls.badAnswer(plugin, what, "it is larger than " + limit + " bytes");
        }
        try {
            JsonNode node = Json.parseUntrusted(new String(bytes, StandardCharsets.UTF_8));
            if (node == null) {
                throw PluginUiCalls.badAnswer(plugin, what, "it is empty");
            }
            return node;
        } catch (JsonInputException e) {
            throw PluginUiCalls.badAnswer(plugin, what, "it is not JSON (" + e.getMessage() + ")");
        }
    }

    private static void send(ServerResponse res, String contentType, String cacheControl, byte[] body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        UiHeaders.apply(res);
        res.send(body);
    }

    /** A plugin-given value as quoted in a message: printable ASCII, shortened. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() <= 100 ? cleaned : cleaned.substring(0, 100) + "...";
    }
}
