package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemProcess;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the all-in-one system: nothing it started keeps running for long (embedded
 * PostgreSQL, plugin processes), and the next start on the same DATA_DIR comes up with the data —
 * also when a PostgreSQL was left behind after all.
 */
class CrashRecoveryTest {

    /** How long a process may outlive the killed system: generous, it is a hang that fails. */
    static final Duration OUTLIVE_BOUND = Duration.ofSeconds(20);

    @Test
    void afterKillMinus9NothingOfTheSystemKeepsRunningAndTheNextStartHasTheData() throws IOException {
        Path root = Files.createTempDirectory("aigw-kill9-");
        try {
            long app;
            try (SystemProcess system = SystemProcess.start(root)) {
                AdminClient admin = system.admin();
                app = createApp(admin, "survives-kill-9");
                long plugin = ExternalPluginShutdownTest.register(admin);
                assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> "running".equals(
                        admin.get("/api/v1/plugins/" + plugin).json().path("status").path("state").asText())),
                        "plugin runs");
                assertEquals(1, system.descendantsWith(ExternalPluginFaultTest.PLUGIN_MAIN).size(), "a plugin process");
                List<ProcessHandle> children = system.process().descendants().toList();
                ProcessHandle postgres = SystemProcess.postgres(root)
                        .orElseThrow(() -> new AssertionError("no embedded PostgreSQL runs on " + root));

                system.killHard();

                assertTrue(TestSystem.await(OUTLIVE_BOUND, () -> !postgres.isAlive()),
                        "the embedded PostgreSQL (pid " + postgres.pid() + ") outlived the killed system");
                assertTrue(TestSystem.await(OUTLIVE_BOUND, () -> children.stream().noneMatch(ProcessHandle::isAlive)),
                        "processes the killed system started outlived it: " + children.stream()
                                .filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine()
                                        .orElse("?")).toList());
            }
            try (SystemProcess again = SystemProcess.start(root)) {
                HttpResult found = again.admin().get("/api/v1/apps/" + app);
                assertEquals(200, found.status(), found.toString());
                assertEquals("survives-kill-9", found.json().path("name").asText());
            }
        } finally {
            SystemProcess.cleanUp(root);
        }
    }

    @Test
    void aStartStopsThePostgresALostRunLeftRunningAndKeepsTheData() throws IOException {
        Path root = Files.createTempDirectory("aigw-orphan-");
        try {
            long app;
            ProcessHandle orphan;
            try (SystemProcess first = SystemProcess.start(root)) {
                app = createApp(first.admin(), "survives-an-orphan");
                orphan = SystemProcess.postgres(root)
                        .orElseThrow(() -> new AssertionError("no embedded PostgreSQL runs on " + root));
                // what a run leaves when nothing stopped its PostgreSQL: its watchdog died first
                first.descendantsWith("aigw-postgres-watchdog").forEach(watchdog -> {
                    watchdog.destroyForcibly();
                    watchdog.onExit().join();
                });
                first.killHard();
            }
            assertTrue(orphan.isAlive(), "the killed run left its PostgreSQL running");

            try (SystemProcess second = SystemProcess.start(root)) {
                HttpResult found = second.admin().get("/api/v1/apps/" + app);
                assertEquals(200, found.status(), found.toString());
                assertEquals("survives-an-orphan", found.json().path("name").asText());
                assertFalse(orphan.isAlive(), "the left-over PostgreSQL was stopped, not left beside the new one");
                assertTrue(second.logText().contains("PostgreSQL (pid " + orphan.pid() + ") was left running on "),
                        "the start says what it found and did:\n" + second.logText());
            }
        } finally {
            SystemProcess.cleanUp(root);
        }
    }

    private static long createApp(AdminClient admin, String name) {
        HttpResult created = admin.post("/api/v1/apps", Map.of("name", name));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }
}
