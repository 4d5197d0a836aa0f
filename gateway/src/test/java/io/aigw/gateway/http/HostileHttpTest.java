package io.aigw.gateway.http;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.GatewaySettings;
import io.aigw.gateway.auth.Tokens;
import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.loader.LocalPluginHost;
import io.aigw.plugin.api.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The gateway against hostile clients: {@link HostileHttpContract}, plus paths and tokens aimed at plugins. */
class HostileHttpTest extends HostileHttpContract {

    private static final String TOKEN = Tokens.generate("aigw_hostile_");

    private Path root;
    private LocalPluginHost plugins;
    private Gateway gateway;

    @BeforeAll
    void startGatewayWithTheEchoPlugin() throws IOException {
        Path echoJar = Path.of(System.getProperty("echo.jar"));
        root = Files.createTempDirectory("aigw-hostile-");
        Files.createDirectories(root.resolve("plugins"));
        Files.copy(echoJar, root.resolve("plugins/echo-endpoint.jar"));
        Map<String, String> env = new HashMap<>(LIMITS);
        env.put("PLUGINS_DIR", root.resolve("plugins").toString());
        env.put("DATA_DIR", root.resolve("data").toString());
        env.put("GATEWAY_HOST", "127.0.0.1");
        env.put("GATEWAY_PORT", "0");
        GatewaySettings settings = GatewaySettings.fromEnv(env);
        plugins = LocalPluginHost.open(settings.pluginHost());
        gateway = Gateway.start(settings, plugins.host());
        gateway.apply(new ConfigSnapshot(1,
                List.of(new PluginConfig(1, "Echo", "pf4j:io.aigw.examples.echo", PluginConfig.CUSTOM_ENDPOINT,
                        List.of(PluginConfig.CUSTOM_ENDPOINT), Map.of("slug", "echo"), true)),
                List.of(new AppConfig(new App(1, "hostile", null, null, true, 0, 0, Map.of(), List.of()),
                        List.of(new CredentialConfig(1, Tokens.hash(TOKEN), List.of(), true, null))))));
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(end)) {
            try (RawClient c = RawClient.connect(port())) {
                if (c.send(get(publicPath())).read().status() == 200) {
                    return;
                }
            }
        }
        throw new AssertionError("the echo plugin is not served");
    }

    @AfterAll
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (plugins != null) {
            plugins.close();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected int port() {
        return gateway.port();
    }

    @Override
    protected String publicPath() {
        return "/plugins/echo/public";
    }

    @Override
    protected String protectedPath() {
        return "/plugins/echo/b";
    }

    @Override
    protected String authorization() {
        return "Bearer " + TOKEN;
    }

    @Override
    protected String bodyPath() {
        return "/plugins/echo/b";
    }

    // ---- paths: whatever decodes to a traversal, or to bytes a plugin should never see, is 400

    @ParameterizedTest
    @ValueSource(strings = {"..%2f", "%2f..", "a%2f%2e%2e%2fb", "a%2F.%2Fb", "..%5cx", "%5c..%5c", "%2e%2e",
            "%252e%252e", "%252fx", "%c0%ae%c0%ae", "%e0%80%ae", "%ff", "a%00b", "a%0d%0aX-Injected:%20y"})
    void encodedTraversalAndBadBytesNeverReachThePlugin(String segment) {
        try (RawClient c = RawClient.connect(port())) {
            RawReply reply = c.send(get("/plugins/echo/" + segment + "/x", "Authorization: " + authorization())).read();
            reply.assertJsonError(400);
            assertFalse(reply.body().contains("relative_path"), "the plugin must not have answered: " + reply);
        }
    }

    @Test
    void aRawBackslashTraversalIsRefused() {
        assertRefusedOrRejected("/plugins/echo/..\\x");
        assertRefusedOrRejected("/plugins/echo/a/..\\..\\x");
    }

    private void assertRefusedOrRejected(String path) {
        try (RawClient c = RawClient.connect(port())) {
            c.send(get(path, "Authorization: " + authorization())).read().assertJsonError(400);
        }
    }

    // ---- tokens: the one the gateway consumed never reaches the plugin, however often it is sent

    @Test
    void aRepeatedQueryTokenIsRemovedEveryTime() {
        assertEquals("x=1", echoedQuery("/plugins/echo/q?token=" + TOKEN + "&x=1&token=" + TOKEN, null));
        assertEquals("x=1", echoedQuery("/plugins/echo/q?token=" + TOKEN + "&x=1&tok%65n=" + TOKEN, null));
    }

    @Test
    void aQueryTokenBesideTheSameHeaderTokenIsRemoved() {
        assertEquals("x=1", echoedQuery("/plugins/echo/q?x=1&token=" + TOKEN, authorization()));
    }

    @Test
    void twoDifferentTokensAre401() {
        try (RawClient c = RawClient.connect(port())) {
            c.send(get("/plugins/echo/q?token=someone-else", "Authorization: " + authorization())).read()
                    .assertJsonError(401);
            c.send(get("/plugins/echo/q?token=" + TOKEN + "&token=someone-else")).read().assertJsonError(401);
        }
    }

    private String echoedQuery(String path, String authorization) {
        try (RawClient c = RawClient.connect(port())) {
            RawReply reply = c.send(authorization == null ? get(path) : get(path, "Authorization: " + authorization))
                    .read();
            assertEquals(200, reply.status(), reply.toString());
            assertFalse(reply.body().contains(TOKEN), "the token reached the plugin: " + reply.body());
            return reply.json().path("query_string").asText();
        }
    }
}
