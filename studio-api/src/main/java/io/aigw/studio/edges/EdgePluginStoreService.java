package io.aigw.studio.edges;

import io.aigw.gateway.edge.EdgeProtocol;
import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.InvalidStoreKeyException;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.RequestId;
import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin store of edges' plugins ({@link EdgeProtocol}, {@code /api/v1/edge/plugin-store/{plugin_id}/...}):
 * an edge has no database, so its plugins' store calls come here and go to the same store the
 * control plane's own gateway hands that plugin registration, with its rules, quota and errors.
 * Only edges (the edge secret) may call; the namespace is the plugin's registration id, as on the
 * control plane. A refused call is {@code {"error", "store_error"}} naming the exception the edge
 * rethrows to the plugin.
 */
public final class EdgePluginStoreService implements ApiFeature {

    static final String BASE = EdgeProtocol.STORE_PATH + "{plugin_id}/";

    private final PluginStorage storage;
    private final EdgeSecret secret;

    public EdgePluginStoreService(PluginStorage storage, EdgeSecret secret) {
        this.storage = storage;
        this.secret = secret;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get(BASE + EdgeProtocol.STORE_VALUE, Access.EDGE, guarded(this::get))
                .put(BASE + EdgeProtocol.STORE_VALUE, Access.EDGE, guarded(this::put))
                .delete(BASE + EdgeProtocol.STORE_VALUE, Access.EDGE, guarded(this::delete))
                .get(BASE + EdgeProtocol.STORE_KEYS, Access.EDGE, guarded(this::keys))
                .get(BASE + EdgeProtocol.STORE_ENTRIES, Access.EDGE, guarded(this::entries));
    }

    private Handler guarded(StoreHandler handler) {
        return (req, res) -> {
            secret.authenticate(req);
            PluginStore store = storage.forPlugin(PathIds.get(req, "plugin_id", "plugin"));
            try {
                handler.handle(store, req, res);
            } catch (PluginStoreException e) {
                refuse(req, res, e);
            }
        };
    }

    @FunctionalInterface
    private interface StoreHandler {
        void handle(PluginStore store, ServerRequest req, ServerResponse res);
    }

    private void get(PluginStore store, ServerRequest req, ServerResponse res) {
        Optional<byte[]> value = store.get(key(req));
        if (value.isEmpty()) {
            Responses.noContent(req, res);
            return;
        }
        res.status(Status.OK_200);
        res.header(RequestId.HEADER, RequestId.current(req).value());
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(value.get());
    }

    private void put(PluginStore store, ServerRequest req, ServerResponse res) {
        String key = StoreLimits.checkKey(key(req));
        store.put(key, value(req, key));
        Responses.noContent(req, res);
    }

    private void delete(PluginStore store, ServerRequest req, ServerResponse res) {
        Responses.ok(req, res, Map.of("deleted", store.delete(key(req))));
    }

    private void keys(PluginStore store, ServerRequest req, ServerResponse res) {
        StorePage<String> page = store.keys(param(req, "prefix"), param(req, "after"), limit(req));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keys", page.items());
        body.put("next", page.next());
        Responses.ok(req, res, body);
    }

    private void entries(PluginStore store, ServerRequest req, ServerResponse res) {
        StorePage<StoreEntry> page = store.entries(param(req, "prefix"), param(req, "after"), limit(req));
        Base64.Encoder base64 = Base64.getEncoder();
        List<Map<String, String>> entries = new ArrayList<>(page.items().size());
        for (StoreEntry e : page.items()) {
            entries.add(Map.of("key", e.key(), "value", base64.encodeToString(e.value())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries);
        body.put("next", page.next());
        Responses.ok(req, res, body);
    }

    private static String key(ServerRequest req) {
        String key = param(req, "key");
        if (key == null) {
            throw new InvalidStoreKeyException("a store key must not be empty");
        }
        return key;
    }

    private static String param(ServerRequest req, String name) {
        return req.query().first(name).orElse(null);
    }

    private static int limit(ServerRequest req) {
        String limit = param(req, "limit");
        try {
            int n = limit == null ? StoreLimits.DEFAULT_PAGE_SIZE : Integer.parseInt(limit);
            return StoreLimits.pageSize(n);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'limit' must be a whole number from 1 to " + StoreLimits.MAX_PAGE_SIZE);
        }
    }

    /** The body, counted as it arrives: at most a store value's limit, whatever the headers say. */
    private static byte[] value(ServerRequest req, String key) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(StoreLimits.MAX_VALUE_BYTES + 1);
            if (bytes.length > StoreLimits.MAX_VALUE_BYTES) {
                throw new StoreLimitExceededException("the value for key '" + key + "' is more than "
                        + StoreLimits.MAX_VALUE_BYTES + " bytes; a store value may be at most "
                        + StoreLimits.MAX_VALUE_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    private static void refuse(ServerRequest req, ServerResponse res, PluginStoreException e) {
        int status;
        String kind;
        switch (e) {
            case InvalidStoreKeyException k -> {
                status = 400;
                kind = EdgeProtocol.STORE_INVALID_KEY;
            }
            case StoreLimitExceededException l -> {
                status = 413;
                kind = EdgeProtocol.STORE_LIMIT_EXCEEDED;
            }
            case StoreUnavailableException u -> {
                status = 503;
                kind = EdgeProtocol.STORE_UNAVAILABLE;
            }
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put(EdgeProtocol.STORE_ERROR, kind);
        Responses.json(req, res, status, body);
    }
}
