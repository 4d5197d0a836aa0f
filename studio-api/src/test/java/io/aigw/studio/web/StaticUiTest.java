package io.aigw.studio.web;

import io.aigw.studio.http.ErrorHandling;
import io.aigw.studio.http.RequestIdFilter;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.KeepAliveConnection;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI's files over real HTTP, from a {@code web/} folder on a class path of the test's
 * making (so a build with or without the real UI tests the same): the page at {@code /}, files at
 * {@code /ui/...} with their types, cache rules and the UI's security headers, paths that try to
 * leave {@code web/} refused, and a class path without the UI answering {@code /} with a JSON 404.
 */
@ExtendWith(SystemExtension.class)
class StaticUiTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @TempDir
    Path tmp;

    @Test
    void theBuiltUiIsServedWithItsTypesCacheRulesAndSecurityHeaders() throws IOException {
        Path web = Files.createDirectories(tmp.resolve("root/web/assets"));
        Files.writeString(web.getParent().resolve("index.html"), "<!doctype html><title>AI Gateway</title>");
        Files.writeString(web.resolve("index-Ab12Cd34.js"), "console.log('app');");
        Files.writeString(web.getParent().resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(web.getParent().resolve("notes.unknown"), "?");
        try (Served server = serve(tmp.resolve("root"))) {
            HttpResult page = server.get("/");
            assertEquals(200, page.status(), page.toString());
            assertEquals("<!doctype html><title>AI Gateway</title>", page.body());
            assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
            assertEquals("no-cache", page.header("Cache-Control"), "a new build is picked up at once");
            assertSecurityHeaders(page);

            HttpResult script = server.get("/ui/assets/index-Ab12Cd34.js");
            assertEquals(200, script.status(), script.toString());
            assertEquals("text/javascript; charset=utf-8", script.header("Content-Type"));
            assertEquals("public, max-age=31536000, immutable", script.header("Cache-Control"),
                    "hashed names never change content");
            assertSecurityHeaders(script);

            HttpResult icon = server.get("/ui/favicon.svg");
            assertEquals(200, icon.status(), icon.toString());
            assertEquals("image/svg+xml", icon.header("Content-Type"));
            assertEquals("no-cache", icon.header("Cache-Control"));
            assertEquals(200, server.get("/ui/index.html").status());

            for (String missing : List.of("/ui/nothing.js", "/ui/notes.unknown", "/ui/assets")) {
                HttpResult r = server.get(missing);
                assertEquals(404, r.status(), missing + ": " + r);
                assertTrue(r.header("Content-Type").startsWith("application/json"), missing + ": " + r);
            }
            for (String hostile : List.of("/ui/../web/index.html", "/ui/%2e%2e/web/index.html",
                    "/ui/assets/..%2f..%2findex.html", "/ui/assets%2findex-Ab12Cd34.js", "/ui/assets\\index.html",
                    "/ui//etc/passwd", "/ui/./index.html")) {
                try (KeepAliveConnection http = new KeepAliveConnection("127.0.0.1", server.port())) {
                    KeepAliveConnection.Response r = http.get(hostile, null);
                    assertEquals(400, r.status(), hostile + ": " + r);
                    // a backslash is no URI at all: this bare server refuses it before routing, without the
                    // control plane's JSON (its hardened server adds that; PluginUiContract checks it there)
                    if (!hostile.contains("\\")) {
                        assertTrue(r.body().contains("\"error\""), hostile + ": " + r);
                    }
                }
            }
        }
    }

    @Test
    void withoutTheUiOnTheClassPathTheRootIsAJson404() throws IOException {
        try (Served server = serve(Files.createDirectories(tmp.resolve("empty")))) {
            HttpResult root = server.get("/");
            assertEquals(404, root.status(), root.toString());
            assertTrue(root.header("Content-Type").startsWith("application/json"), root.toString());
            assertTrue(root.body().contains("not part of this build"), root.body());
            assertEquals(404, server.get("/ui/index.html").status());
        }
    }

    /** The whole control plane: whatever this build holds, {@code /} answers with the UI's headers, never 500. */
    @Test
    void theControlPlaneServesItsUiOnTheApisOrigin(Systems systems) {
        TestSystem system = systems.start();
        HttpResult root = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/")).GET());
        assertTrue(root.status() == 200 || root.status() == 404, root.toString());
        if (root.status() == 200) {
            assertTrue(root.header("Content-Type").startsWith("text/html"), root.toString());
        } else {
            assertTrue(root.header("Content-Type").startsWith("application/json"), root.toString());
        }
        assertSecurityHeaders(root);
        assertEquals(200, system.admin().get("/api/v1/me").status(), "the API beside it is untouched");
    }

    static void assertSecurityHeaders(HttpResult r) {
        assertEquals(CSP, r.header("Content-Security-Policy"), r.toString());
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
    }

    /** A bare server with the control plane's UI routes over {@code root} as the only class path. */
    private static Served serve(Path root) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        StaticUi ui = new StaticUi(loader);
        WebServer server = WebServer.builder().port(0).host("127.0.0.1").routing(routing -> {
            routing.addFilter(new RequestIdFilter());
            routing.addFilter(new UiPathGuard());
            ErrorHandling.install(routing);
            ui.register(routing);
            ErrorHandling.installFallback(routing);
        }).build().start();
        return new Served(server, loader);
    }

    private record Served(WebServer server, URLClassLoader loader) implements AutoCloseable {

        int port() {
            return server.port();
        }

        HttpResult get(String path) {
            return AdminClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).GET());
        }

        @Override
        public void close() throws IOException {
            server.stop();
            loader.close();
        }
    }
}
