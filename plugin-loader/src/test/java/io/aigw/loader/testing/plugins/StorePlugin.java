package io.aigw.loader.testing.plugins;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plugin that exposes its {@link PluginStore} over HTTP, the same code in-process (a jar) and
 * external (a binary), so tests see what a plugin sees on either transport:
 * {@code GET /ping} (no store involved), {@code GET /get?key=}, {@code PUT /put?key=} (body: the value, or {@code size=} zero bytes),
 * {@code DELETE /delete?key=}, {@code GET /keys?prefix=&after=&limit=} (keys one per line,
 * {@code X-Next} header), {@code GET /entries?...} ({@code key=value} lines). A store exception
 * answers 400 with {@code <ExceptionClass>: <message>}. A top-level class with no nested ones,
 * so test jars can be built from its one class file.
 */
public final class StorePlugin implements CustomEndpointHandler {

    private volatile PluginStore store;

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        store = context.store();
        if (config.containsKey("write_on_init")) {
            store.putString("written-on-init", config.get("write_on_init"));
        }
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(EndpointRegistration.builder("/*").methods("GET", "PUT", "DELETE").build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) {
        Map<String, String> q = query(request.queryString());
        try {
            return switch (request.relativePath()) {
                case "/ping" -> EndpointResponse.text(200, "pong");
                case "/get" -> store.get(q.get("key"))
                        .map(v -> EndpointResponse.of(200, Headers.empty(), v))
                        .orElseGet(() -> EndpointResponse.text(404, "no such key"));
                case "/put" -> {
                    byte[] value = q.containsKey("size") ? new byte[Integer.parseInt(q.get("size"))] : request.body();
                    store.put(q.get("key"), value);
                    yield EndpointResponse.text(204, "");
                }
                case "/delete" -> EndpointResponse.text(200, String.valueOf(store.delete(q.get("key"))));
                case "/keys" -> {
                    StorePage<String> page = store.keys(q.get("prefix"), q.get("after"), limit(q));
                    yield withNext(EndpointResponse.text(200, String.join("\n", page.items())), page.next());
                }
                case "/entries" -> {
                    StorePage<StoreEntry> page = store.entries(q.get("prefix"), q.get("after"), limit(q));
                    String body = page.items().stream()
                            .map(e -> e.key() + "=" + new String(e.value(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("\n"));
                    yield withNext(EndpointResponse.text(200, body), page.next());
                }
                default -> EndpointResponse.text(404, "unknown path " + request.relativePath());
            };
        } catch (PluginStoreException e) {
            return EndpointResponse.text(400, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int limit(Map<String, String> q) {
        return Integer.parseInt(q.getOrDefault("limit", "100"));
    }

    private static EndpointResponse withNext(EndpointResponse response, String next) {
        return next == null ? response
                : EndpointResponse.of(response.status(), Headers.of("X-Next", next), response.body());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
