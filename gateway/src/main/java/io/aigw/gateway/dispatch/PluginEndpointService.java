package io.aigw.gateway.dispatch;

import io.aigw.gateway.GatewaySettings;
import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.auth.Principal;
import io.aigw.gateway.http.RequestIds;
import io.aigw.gateway.routing.PluginPath;
import io.aigw.gateway.routing.RouteTable;
import io.aigw.gateway.routing.SlugBinding;
import io.aigw.loader.host.Generation;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.RequestMetadata;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code /plugins/{slug}/{path...}}: route → auth → body → dispatch to the plugin, in that order.
 * Every answer carries {@code X-Request-ID}; every error the gateway makes is JSON.
 */
public final class PluginEndpointService implements HttpService {

    private static final int MAX_ACQUIRE_ATTEMPTS = 3;
    private static final int MAX_CACHED_ADDRESSES = 4096;
    private static final ConcurrentHashMap<InetAddress, String> ADDRESSES = new ConcurrentHashMap<>();

    private final Supplier<RouteTable> routes;
    private final Supplier<CredentialIndex> credentials;
    private final long maxBodySize;
    private final UnaryDispatcher unary;
    private final StreamDispatcher stream;

    public PluginEndpointService(GatewaySettings settings, Supplier<RouteTable> routes,
                                 Supplier<CredentialIndex> credentials) {
        this.routes = routes;
        this.credentials = credentials;
        this.maxBodySize = settings.maxBodySize();
        this.unary = new UnaryDispatcher(settings.unaryTimeout());
        this.stream = new StreamDispatcher(settings.streamTimeout(), settings.streamHeartbeat());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/plugins", this::handle).any("/plugins/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String requestId = RequestIds.of(req);
        res.header(RequestIds.HEADER, requestId);
        String method = req.prologue().method().text();
        if (!EndpointRegistration.VALID_METHODS.contains(method)) {
            res.header(HeaderNames.ALLOW, String.join(", ", EndpointRegistration.VALID_METHODS));
            JsonErrors.send(res, 405, "method " + method + " is not supported on plugin endpoints");
            return;
        }
        PluginPath path;
        try {
            path = PluginPath.parse(req.path().rawPath());
        } catch (PluginPath.InvalidPathException e) {
            JsonErrors.send(res, e.status(), e.getMessage());
            return;
        }

        for (int attempt = 1; attempt <= MAX_ACQUIRE_ATTEMPTS; attempt++) {
            SlugBinding binding = routes.get().binding(path.slug());
            if (binding == null) {
                JsonErrors.send(res, 404, "no plugin serves /plugins/" + path.slug());
                return;
            }
            if (!binding.available()) {
                PluginFailure.unavailable(binding.pluginName()).send(res);
                return;
            }
            Optional<EndpointRegistration> match = binding.match(method, path.relativePath());
            if (match.isEmpty()) {
                JsonErrors.send(res, 404, "no route for " + method + " " + path.fullPath());
                return;
            }
            Generation generation = binding.generation();
            // A generation retired between reading the table and now: the next table has its successor.
            if (!generation.tryAcquire()) {
                continue;
            }
            try {
                serve(req, res, requestId, method, path, match.get(), binding.pluginId(), binding.pluginName(), generation);
            } finally {
                generation.release();
            }
            return;
        }
        JsonErrors.send(res, 503, "plugin is reloading, try again");
    }

    private void serve(ServerRequest req, ServerResponse res, String requestId, String method, PluginPath path,
                       EndpointRegistration registration, long pluginId, String pluginName, Generation generation) {
        String query = req.query().rawValue();
        Headers headers;
        Principal principal = null;
        if (!registration.requireAuth()) {
            headers = requestHeaders(req, false);
        } else {
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            BearerToken token = BearerToken.extract(authorization, query);
            Optional<Principal> found = credentials.get().authenticate(token.token());
            if (found.isEmpty()) {
                res.header(HeaderNames.WWW_AUTHENTICATE, Bearer.SCHEME);
                JsonErrors.send(res, 401, token.token() == null ? "missing token" : "invalid or expired token");
                return;
            }
            principal = found.get();
            headers = requestHeaders(req, token.fromHeader());
            query = token.queryString();
        }
        byte[] body;
        try {
            body = readBody(req);
        } catch (BodyTooLargeException e) {
            JsonErrors.send(res, 413, e.getMessage());
            return;
        } catch (CloseConnectionException e) {
            throw e; // the client hung up or was too slow (and got its 408): there is no one to answer
        } catch (IOException | RuntimeException e) {
            JsonErrors.send(res, 400, "could not read the request body");
            return;
        }
        EndpointRequest request = new EndpointRequest(method, path.fullPath(), path.relativePath(), path.segments(),
                headers, body, query, remoteAddress(req), req.headers().first(HeaderNames.HOST).orElse(null), "http",
                // plugin_id: the registration serving, so a plugin can tell its own App resources from
                // those of another registration of the same code
                new RequestMetadata(requestId, Map.of("plugin_slug", path.slug(), "plugin_id", String.valueOf(pluginId))),
                principal != null, principal == null ? null : principal.app(),
                principal == null ? null : principal.scopes());
        if (registration.streamResponse()) {
            stream.dispatch(generation, pluginName, request, res);
        } else {
            unary.dispatch(generation, pluginName, request, res);
        }
    }

    private byte[] readBody(ServerRequest req) throws IOException, BodyTooLargeException {
        if (req.headers().contentLength().orElse(0) > maxBodySize) {
            throw new BodyTooLargeException(maxBodySize);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            if (body.length > maxBodySize) {
                throw new BodyTooLargeException(maxBodySize);
            }
            return body;
        }
    }

    /**
     * The request's headers for the plugin, without {@code Authorization} when the gateway consumed it
     * and never with the control plane's session cookie ({@link ControlPlaneCookies}).
     */
    private static Headers requestHeaders(ServerRequest req, boolean dropAuthorization) {
        Headers.Builder builder = Headers.builder();
        for (io.helidon.http.Header h : req.headers()) {
            if (dropAuthorization && h.headerName().equals(HeaderNames.AUTHORIZATION)) {
                continue;
            }
            if (h.headerName().equals(HeaderNames.COOKIE)) {
                for (String value : h.allValues()) {
                    String kept = ControlPlaneCookies.strip(value);
                    if (kept != null) {
                        builder.add(h.name(), kept);
                    }
                }
                continue;
            }
            if (h.valueCount() == 1) {
                builder.add(h.name(), h.get());
            } else {
                for (String value : h.allValues()) {
                    builder.add(h.name(), value);
                }
            }
        }
        return builder.build();
    }

    private static String remoteAddress(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(address);
        }
        // Formatting an address on every request is measurable; clients are few next to requests.
        InetAddress ip = inet.getAddress();
        String text = ADDRESSES.get(ip);
        if (text == null) {
            text = ip.getHostAddress();
            if (ADDRESSES.size() >= MAX_CACHED_ADDRESSES) {
                ADDRESSES.clear();
            }
            ADDRESSES.put(ip, text);
        }
        return text;
    }
}
