package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.SystemProcess;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
@ExtendWith(SystemExtension.class)
class ExternalPluginShutdownTest {

    static final Path LAUNCHER = ExternalPluginFaultTest.ECHO_LAUNCHER;

    @Test
    void closingTheSystemStopsItsPluginProcesses(Systems systems) {
        Set<Long> before = ExternalPluginFaultTest.pluginPids();
        ProcessHandle plugin;
        try (TestSystem system = systems.start()) {
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
        try (SystemProcess gateway = SystemProcess.start(root)) {
            AdminClient admin = gateway.admin();
            long id = register(admin);
            assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> "running".equals(
                    admin.get("/api/v1/plugins/" + id).json().path("status").path("state").asText())), "plugin runs");
            List<ProcessHandle> plugins = gateway.descendantsWith(ExternalPluginFaultTest.PLUGIN_MAIN);
            assertEquals(1, plugins.size(), "one plugin process: " + plugins);
            HttpResponse<InputStream> stream = new Gateway(gateway.gatewayBase())
                    .stream("/plugins/echo-down/stream?count=5&interval_ms=400", token(admin));
            assertEquals(200, stream.statusCode(), "a stream is in flight");

            gateway.process().destroy();   // SIGTERM
            assertEquals(5, Gateway.readEvents(stream.body()).size(),
                    "the stream in flight finished (SHUTDOWN_GRACE) before the gateway stopped");
            assertTrue(gateway.process().waitFor(30, TimeUnit.SECONDS), "gateway exited");
            assertTrue(exits(plugins.getFirst()), "no orphaned plugin process");
        } finally {
            SystemProcess.cleanUp(root);
        }
    }

    /** A stream longer than SHUTDOWN_GRACE is cut at the grace; the plugin is shut down all the same. */
    @Test
    void aStreamLongerThanTheGraceIsCutAndThePluginStillStops(Systems systems) throws Exception {
        Set<Long> before = ExternalPluginFaultTest.pluginPids();
        ProcessHandle plugin;
        HttpResponse<InputStream> stream;
        long stopMs;
        try (TestSystem system = systems.start(Map.of("SHUTDOWN_GRACE", "1s"))) {
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

    /** Whether the process is gone within 30 s (at once on an idle machine). */
    static boolean exits(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
