package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real echo launcher as a process: handshake, calls, deadline mapping, death, shutdown. */
class ExternalPluginLauncherTest {

    static final Path LAUNCHER = Path.of(System.getProperty("echo.launcher")).toAbsolutePath().normalize();
    /** A 200 ms unary limit, which is the gRPC deadline of an endpoint call. */
    final ExternalPluginLauncher launcher = new ExternalPluginLauncher(
            ExternalPluginSettings.defaults(Duration.ofMillis(200), Duration.ofSeconds(2), 1 << 20));

    static EndpointRequest get(String relativePath, String query) {
        return new EndpointRequest("GET", "/plugins/echo" + relativePath, relativePath, List.of(), null, null, query,
                "127.0.0.1", "h", "http", null, false, null, null);
    }

    @Test
    void launchesCallsAndShutsDownWithoutLeavingAProcess() throws Exception {
        ExternalPlugin loaded = (ExternalPlugin) launcher.launch(new PluginSpec(1, "echo-test", "file://" + LAUNCHER,
                Map.of()));
        var process = loaded.process().orElseThrow();
        long pid = process.pid();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the pid is the live plugin");
        long startedAgo = Duration.between(process.startedAt(), Instant.now()).toMillis();
        assertTrue(startedAgo >= 0 && startedAgo < 30_000, "started " + startedAgo + " ms ago");
        try {
            loaded.plugin().initialize(BasicPluginContext.named("echo-test"), Map.of("custom_content",
                    "hi there", "diagnostics", "true"));
            CustomEndpointHandler echo = loaded.capabilities().get(CustomEndpointHandler.class).orElseThrow();
            assertFalse(loaded.version().isEmpty(), "version from the plugin's manifest");
            assertEquals(4, echo.getEndpointRegistrations().size());
            var response = echo.handleEndpointRequest(BasicRequestContext.of("r1", System.getLogger("t")),
                    get("/public", ""));
            assertEquals(200, response.status());
            assertEquals("hi there", new String(response.body()));

            long start = System.nanoTime();
            assertThrows(TimeoutException.class, () -> echo.handleEndpointRequest(BasicRequestContext.of("r2",
                    System.getLogger("t")), get("/x", "sleep_ms=5000")), "gRPC deadline → timeout (504)");
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(ms >= 190, "not before the 200 ms limit: " + ms + " ms");
            loaded.plugin().shutdown();
        } finally {
            loaded.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no orphan process");
    }

    @Test
    void theWatchReportsAKilledProcessOnceAndStopsWithThePlugin() throws Exception {
        int watchesBefore = HealthWatch.running();
        LoadedPlugin loaded = launcher.launch(new PluginSpec(2, "echo-kill", "file://" + LAUNCHER, Map.of()));
        try {
            loaded.plugin().initialize(BasicPluginContext.named("echo-kill"), Map.of());
            CompletableFuture<String> died = new CompletableFuture<>();
            loaded.watch(died::complete);
            loaded.watch(reason -> died.complete("second watch: " + reason));
            assertEquals(watchesBefore + 1, HealthWatch.running(), "one watch however often asked");
            ProcessHandle.of(loaded.process().orElseThrow().pid()).orElseThrow().destroyForcibly();
            assertTrue(died.get(30, TimeUnit.SECONDS).contains("exited"), died.get());
            assertEquals(watchesBefore, HealthWatch.running(), "the watch stopped after reporting");
        } finally {
            loaded.close();
        }
    }

    @Test
    void aMissingBinaryOrDeadGrpcTargetIsAClearLoadError() throws Exception {
        PluginLoadException missing = assertThrows(PluginLoadException.class, () -> launcher.launch(
                new PluginSpec(3, "nope", "file:///no/such/plugin", Map.of())));
        assertTrue(missing.getMessage().contains("no plugin binary at /no/such/plugin"), missing.getMessage());

        LoadedPlugin remote = launcher.launch(new PluginSpec(4, "remote", "grpc://127.0.0.1:1", Map.of()));
        try {
            assertTrue(remote.process().isEmpty(), "a grpc:// plugin has no process of ours");
            Exception e = assertThrows(Exception.class, () -> remote.plugin().initialize(
                    BasicPluginContext.named("remote"), Map.of()));
            assertTrue(e.getMessage().contains("Initialize on tcp 127.0.0.1:1: UNAVAILABLE"), e.getMessage());
        } finally {
            remote.close();
        }
    }
}
