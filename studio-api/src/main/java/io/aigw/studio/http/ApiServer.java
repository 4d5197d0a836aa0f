package io.aigw.studio.http;

import io.aigw.gateway.http.HardenedServer;
import io.aigw.gateway.http.HttpSettings;
import io.aigw.studio.web.StaticUi;
import io.aigw.studio.web.UiPathGuard;
import io.helidon.webserver.http.Filter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control plane's HTTP server: request ids, auth, the feature services, JSON errors everywhere,
 * and the web UI on the same origin.
 */
public final class ApiServer {

    private final HardenedServer server;
    private final List<ApiRoute> routes;

    private ApiServer(HardenedServer server, List<ApiRoute> routes) {
        this.server = server;
        this.routes = routes;
    }

    /**
     * Starts serving; {@code port} 0 binds a free port (see {@link #port()}). Connection limits,
     * timeouts and transport-level errors are the gateway's ({@link HardenedServer}).
     */
    public static ApiServer start(String host, int port, HttpSettings http, Duration shutdownGrace, Filter auth,
                                  List<ApiFeature> features, StaticUi ui) {
        List<ApiRoute>[] recorded = new List[1];
        // No shutdown hook: Studio stops the server itself, before the gateway and database.
        HardenedServer server = HardenedServer.start("api", host, port, http, false, shutdownGrace,
                routing -> {
                    routing.addFilter(new RequestIdFilter());
                    routing.addFilter(new UiPathGuard());
                    routing.addFilter(auth);
                    ErrorHandling.install(routing);
                    routing.get("/health", (req, res) -> Responses.ok(req, res, Map.of("status", "ok")));
                    ApiRoutes routes = new ApiRoutes(routing);
                    features.forEach(f -> f.routes(routes));
                    ui.register(routing);
                    recorded[0] = routes.recorded();
                    ErrorHandling.installFallback(routing);
                });
        return new ApiServer(server, recorded[0]);
    }

    public int port() {
        return server.port();
    }

    /** Every admin-API route with its access rule. */
    public List<ApiRoute> routes() {
        return routes;
    }

    public void stop() {
        server.stop();
    }
}
