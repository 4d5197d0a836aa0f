package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.SystemProcess;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No plugin process outlives the gateway: neither a closed one nor one whose JVM got SIGTERM. */
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
        try (SystemProcess gateway = SystemProcess.start(root)) {
            AdminClient admin = gateway.admin();
            long id = register(admin);
            assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> "running".equals(
                    admin.get("/api/v1/plugins/" + id).json().path("status").path("state").asText())), "plugin runs");
            List<ProcessHandle> plugins = gateway.descendantsWith(ExternalPluginFaultTest.PLUGIN_MAIN);
            assertEquals(1, plugins.size(), "one plugin process: " + plugins);

            gateway.process().destroy();   // SIGTERM
            assertTrue(gateway.process().waitFor(30, TimeUnit.SECONDS), "gateway exited");
            assertTrue(exits(plugins.getFirst()), "no orphaned plugin process");
        } finally {
            SystemProcess.cleanUp(root);
        }
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
}
