package io.aigw.gateway;

import io.aigw.gateway.auth.Tokens;
import io.aigw.gateway.config.*;
import io.aigw.plugin.api.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.util.*;

class SmokeTest {
    @TempDir Path tmp;

    @Test
    void smoke() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("echo.jar")), plugins.resolve("echo.jar"));
        GatewaySettings s = GatewaySettings.fromEnv(Map.of("GATEWAY_PORT", "0", "PLUGINS_DIR", plugins.toString(),
                "DATA_DIR", tmp.resolve("data").toString(), "PLUGIN_ENDPOINT_UNARY_TIMEOUT", "2s"));
        try (Gateway g = Gateway.start(s)) {
            String token = Tokens.generate("aigw_");
            App app = new App(1, "demo", "", "a@b.c", true, 0, 0, Map.of("tier", "gold"), List.of());
            g.apply(new ConfigSnapshot(1, List.of(new PluginConfig(7, "echo", "pf4j:io.aigw.examples.echo", "custom_endpoint",
                    List.of("custom_endpoint"), Map.of("slug", "echo", "custom_content", "hi there"), true)),
                    List.of(new AppConfig(app, List.of(new CredentialConfig(1, Tokens.hash(token), List.of("read"), true, null))))));
            System.out.println(g.pluginReport(7));
            HttpClient c = HttpClient.newHttpClient();
            String base = "http://localhost:" + g.port();
            for (String p : List.of("/plugins/echo/public", "/plugins/echo/x/y?token=" + token + "&a=1&set_cookie=a%3D1&set_cookie=b%3D2",
                    "/plugins/echo/x", "/plugins/nope/x", "/plugins/echo/%2e%2e/x", "/plugins/echo/stream?count=3&interval_ms=100&token=" + token,
                    "/plugins/echo/a?fail=1&token=" + token, "/plugins/echo/a?sleep_ms=3000&token=" + token,
                    "/plugins/echo/stream?count=3&interval_ms=100&error_after=0&token=" + token,
                    "/plugins/echo/stream?count=3&interval_ms=100&error_after=2&token=" + token, "/other")) {
                try {
                    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + p)).build(), HttpResponse.BodyHandlers.ofString());
                    System.out.println(p + " -> " + r.statusCode() + " " + r.headers().map() + "\n   " + r.body());
                } catch (Exception e) {
                    System.out.println(p + " -> EXCEPTION " + e);
                }
            }
        }
    }
}
