package io.aigw.gateway.testing;

import io.aigw.gateway.GatewaySettings;
import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.auth.Tokens;
import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.dispatch.JsonErrors;
import io.aigw.gateway.dispatch.PluginEndpointService;
import io.aigw.gateway.http.RequestIds;
import io.aigw.gateway.http.HardenedServer;
import io.aigw.gateway.routing.RouteTable;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.RestartPolicy;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.Plugin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's request path without the control plane: a real {@link PluginHost} loading
 * {@link TestPlugin}s through {@link InTestLauncher}, the route table rebuilt on every host change,
 * {@link PluginEndpointService} on a real HTTP server on a free port, and one App whose token
 * ({@link #token()}) authenticates.
 *
 * <p>Wired the way {@code Gateway} wires itself; when the gateway takes its host from the caller
 * ({@code Gateway.start(settings, host)}) this class can become that call plus {@code apply}.
 */
public final class GatewayUnderTest implements AutoCloseable {

    public static final App APP = new App(1, "test-app", "", "dev@example.com", true, 0, 0,
            Map.of("tier", "gold"), List.of());

    private final InTestLauncher launcher = new InTestLauncher();
    private final List<PluginSpec> specs = new ArrayList<>();
    private final String token = Tokens.generate("aigw_test_");
    private final PluginHost host;
    private final HardenedServer server;
    private volatile RouteTable routes = RouteTable.EMPTY;

    private GatewayUnderTest(GatewaySettings settings) {
        host = new PluginHost(List.of(launcher), settings.pluginInitTimeout(), settings.streamTimeout().plusSeconds(5),
                RestartPolicy.DEFAULT, settings.callLimits());
        host.addListener(() -> routes = RouteTable.build(host.entries()));
        CredentialIndex credentials = CredentialIndex.of(List.of(new AppConfig(APP,
                List.of(new CredentialConfig(1, Tokens.hash(token), List.of("read"), true, null)))), Clock.systemUTC());
        PluginEndpointService endpoints = new PluginEndpointService(settings, () -> routes, () -> credentials);
        server = HardenedServer.start("gateway-under-test", "127.0.0.1", 0, settings.http(), false,
                Duration.ofSeconds(1), HardenedServer.ResponseHeaders.CHECKED_BY_ROUTES, r -> {
                    endpoints.routing(r);
                    r.any((req, res) -> {
                        res.header(RequestIds.HEADER, RequestIds.of(req));
                        JsonErrors.send(res, 404, "not found");
                    });
                });
    }

    /** Starts with the gateway's defaults overridden by {@code env} (same names as in production). */
    public static GatewayUnderTest start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("GATEWAY_HOST", "127.0.0.1");
        all.putIfAbsent("GATEWAY_PORT", "0");
        return new GatewayUnderTest(GatewaySettings.fromEnv(all));
    }

    /**
     * Loads {@code plugin} as plugin {@code id} with {@code config} (its {@code slug} among it)
     * and returns once it is running or has failed.
     */
    public synchronized void load(long id, String name, Map<String, String> config, Plugin plugin) {
        String command = launcher.define(name, plugin);
        specs.removeIf(s -> s.id() == id);
        specs.add(new PluginSpec(id, name, command, config));
        host.apply(List.copyOf(specs));
    }

    /** {@link #load} with just a slug. */
    public void load(long id, String slug, Plugin plugin) {
        load(id, slug, Map.of("slug", slug), plugin);
    }

    /** A token of {@link #APP}, with scope {@code read}. */
    public String token() {
        return token;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        host.close();
    }
}
