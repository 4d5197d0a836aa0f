package io.aigw.studio.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;

import java.util.Map;
import java.util.function.Consumer;

/** The admin API's HTTP server: request ids, auth, the feature services, JSON errors everywhere. */
public final class ApiServer {

    private ApiServer() {
    }

    /**
     * Starts serving; {@code port} 0 binds a free port (see {@link WebServer#port()}).
     *
     * @param services registers the feature routes
     */
    public static WebServer start(String host, int port, Filter auth, Consumer<HttpRouting.Builder> services) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false) // Studio stops the server itself, before the gateway and database
                .routing(routing -> {
                    routing.addFilter(new RequestIdFilter());
                    routing.addFilter(auth);
                    ErrorHandling.install(routing);
                    routing.get("/health", (req, res) -> Responses.ok(req, res, Map.of("status", "ok")));
                    services.accept(routing);
                    ErrorHandling.installFallback(routing);
                })
                .build()
                .start();
    }
}
