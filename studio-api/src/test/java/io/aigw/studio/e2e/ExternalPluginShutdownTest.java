package io.aigw.studio.e2e;

import io.aigw.studio.StudioMain;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No plugin process outlives the gateway: neither a closed one nor one whose JVM got SIGTERM. A stop
 * lets the requests and streams in flight finish first, up to SHUTDOWN_GRACE.
 */
class ExternalPluginShutdownTest {

    static final Path LAUNCHER = ExternalPluginFaultTest.ECHO_LAUNCHER;

    @Test
    void closingTheSystemStopsItsPluginProcesses() {
        Set<Long> before = ExternalPluginFaultTest.pluginPids();
        ProcessHandle plugin;
        try (TestSystem system = TestSystem.start()) {
            register(system.admin());
            assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> system.gatewayGet("/plugins/echo-down/public",
                    null).status() == 200), "served");
            plugin = ExternalPluginFaultTest.onlyNew(before);
        }
        assertTrue(exits(plugin), "plugin process stopped with the system");
    }

    @Test
    void sigtermToTheGatewayProcessStopsItsPluginProcesses() throws Exception {
        Path root = Files.createTempDirectory("aigw-sigterm-");
        Files.createDirectories(root.resolve("plugins"));
        int studioPort = freePort();
        int gatewayPort = freePort();
        String key = "aigw_admin_sigterm_test_key_0123456789";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StudioMain.class.getName())
                .redirectErrorStream(true).redirectOutput(root.resolve("system.log").toFile());
        builder.environment().putAll(Map.of("DATA_DIR", root.resolve("data").toString(),
                "PLUGINS_DIR", root.resolve("plugins").toString(), "STUDIO_HOST", "127.0.0.1",
                "STUDIO_PORT", String.valueOf(studioPort), "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", String.valueOf(gatewayPort), "STUDIO_ADMIN_KEY", key));
        Process gateway = builder.start();
        try {
            AdminClient admin = new AdminClient(URI.create("http://127.0.0.1:" + studioPort + "/"), key);
            assertTrue(TestSystem.await(Duration.ofSeconds(60), () -> {
                try {
                    return admin.get("/api/v1/plugins").status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            }), "system up: " + Files.readString(root.resolve("system.log")));
            long id = register(admin);
            assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> "running".equals(
                    admin.get("/api/v1/plugins/" + id).json().path("status").path("state").asText())), "plugin runs");
            List<ProcessHandle> plugins = gateway.descendants().filter(ProcessHandle::isAlive).toList();
            assertEquals(1, plugins.size(), "one plugin process: " + plugins);
            HttpResponse<InputStream> stream = new Gateway(URI.create("http://127.0.0.1:" + gatewayPort))
                    .stream("/plugins/echo-down/stream?count=5&interval_ms=400", token(admin));
            assertEquals(200, stream.statusCode(), "a stream is in flight");

            gateway.destroy();   // SIGTERM
            assertEquals(5, Gateway.readEvents(stream.body()).size(),
                    "the stream in flight finished (SHUTDOWN_GRACE) before the gateway stopped");
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "gateway exited");
            assertTrue(exits(plugins.getFirst()), "no orphaned plugin process");
        } finally {
            gateway.destroyForcibly();
            gateway.descendants().forEach(ProcessHandle::destroyForcibly);
            try (var files = Files.walk(root)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A stream longer than SHUTDOWN_GRACE is cut at the grace; the plugin is shut down all the same. */
    @Test
    void aStreamLongerThanTheGraceIsCutAndThePluginStillStops() throws Exception {
        Set<Long> before = ExternalPluginFaultTest.pluginPids();
        ProcessHandle plugin;
        HttpResponse<InputStream> stream;
        long stopMs;
        try (TestSystem system = TestSystem.start(Map.of("SHUTDOWN_GRACE", "1s"))) {
            register(system.admin());
            assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> system.gatewayGet("/plugins/echo-down/public",
                    null).status() == 200), "served");
            plugin = ExternalPluginFaultTest.onlyNew(before);
            stream = new Gateway(system.gatewayBase()).stream("/plugins/echo-down/stream?count=1000&interval_ms=100",
                    token(system.admin()));
            assertEquals(200, stream.statusCode());
            long start = System.nanoTime();
            system.stopStudio();
            stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        assertThrows(IOException.class, () -> Gateway.readEvents(stream.body()), "the stream was cut");
        assertTrue(stopMs < 20_000, "stopped after " + stopMs + " ms, not at the 5 min stream limit");
        assertTrue(exits(plugin), "plugin process stopped with the system");
    }

    static String token(AdminClient admin) {
        long app = admin.post("/api/v1/apps", Map.of("name", "stopping", "owner_email", "ops@example.com")).id();
        return admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
    }

    static long register(AdminClient admin) {
        var created = admin.post("/api/v1/plugins", Map.of("name", "echo-down", "command", "file://" + LAUNCHER,
                "hook_type", "custom_endpoint", "hook_types", List.of("custom_endpoint"),
                "config", Map.of("slug", "echo-down"), "is_active", true));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }

    /** Whether the process is gone within 5 s. */
    static boolean exits(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
