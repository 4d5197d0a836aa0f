package io.aigw.studio.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;

import java.util.List;
import java.util.Map;

/** The admin API's HTTP server: request ids, auth, the feature services, JSON errors everywhere. */
public final class ApiServer {

    private final WebServer server;
    private final List<ApiRoute> routes;

    private ApiServer(WebServer server, List<ApiRoute> routes) {
        this.server = server;
        this.routes = routes;
    }

    /** Starts serving; {@code port} 0 binds a free port (see {@link WebServer#port()}). */
    public static ApiServer start(String host, int port, Filter auth, List<ApiFeature> features) {
        List<ApiRoute>[] recorded = new List[1];
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false) // Studio stops the server itself, before the gateway and database
                .routing(routing -> {
                    routing.addFilter(new RequestIdFilter());
                    routing.addFilter(auth);
                    ErrorHandling.install(routing);
                    routing.get("/health", (req, res) -> Responses.ok(req, res, Map.of("status", "ok")));
                    ApiRoutes routes = new ApiRoutes(routing);
                    features.forEach(f -> f.routes(routes));
                    recorded[0] = routes.recorded();
                    ErrorHandling.installFallback(routing);
                })
                .build()
                .start();
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
