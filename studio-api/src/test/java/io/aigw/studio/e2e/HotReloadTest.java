package io.aigw.studio.e2e;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jars dropped into, replaced in and removed from the plugins directory, with no API call and no restart. */
@ExtendWith(SystemExtension.class)
class HotReloadTest {

    static final Path ECHO_JAR = Path.of(System.getProperty("echo.jar"));
    /** Generous: each wait ends as soon as what it waits for happened. */
    static final Duration LOAD_WAIT = Duration.ofSeconds(60);
    /** The plugins directory's "Skipping plugin jar ..." warnings. */
    final List<String> skipped = new CopyOnWriteArrayList<>();
    final Handler skipLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String line = new SimpleFormatter().formatMessage(record);
            if (line.startsWith("Skipping plugin jar")) {
                skipped.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    TestSystem system;
    AdminClient admin;
    Gateway gateway;
    String token;

    @BeforeEach
    void start(Systems systems) {
        Logger.getLogger(PluginDirectory.class.getName()).addHandler(skipLog);
        system = systems.start();
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        long app = admin.post("/api/v1/apps", Map.of("name", "hot")).id();
        token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(PluginDirectory.class.getName()).removeHandler(skipLog);
    }

    boolean echoServes() {
        return gateway.get("/plugins/echo/public", null).statusCode() == 200;
    }

    @Test
    void aDroppedJarIsServedWithoutAnyApiCall() {
        assertEquals(404, gateway.get("/plugins/echo/public", null).statusCode());
        system.dropPlugin(ECHO_JAR, "echo-endpoint.jar");
        assertTrue(TestSystem.await(LOAD_WAIT, this::echoServes));
    }

    @Test
    void replacingTheJarUnderLoadFailsNoRequest() throws Exception {
        system.dropPlugin(ECHO_JAR, "echo-endpoint.jar");
        assertTrue(TestSystem.await(LOAD_WAIT, this::echoServes));
        String oldVersion = gateway.get("/plugins/echo/x", token).headers().firstValue("X-Echo-Plugin-Version")
                .orElseThrow();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, Integer> versions = new ConcurrentHashMap<>();
        List<Thread> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = gateway.get("/plugins/echo/load", token);
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            versions.merge(r.headers().firstValue("X-Echo-Plugin-Version").orElse("?"), 1, Integer::sum);
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        // load is under way on the old version (counted, not timed: a slow machine just takes longer)
        assertTrue(TestSystem.await(LOAD_WAIT, () -> versions.getOrDefault(oldVersion, 0) >= 50), "load on v1");
        // A stream on the old version, open while the jar is replaced, must finish cleanly.
        HttpResponse<InputStream> inFlight = gateway.stream("/plugins/echo/stream?count=15&interval_ms=200", token);
        assertEquals(200, inFlight.statusCode());
        Path v2 = PluginJars.withVersion(ECHO_JAR, system.pluginsDir().getParent().resolve("echo-v2.jar"), "2.0.0");
        system.dropPlugin(v2, "echo-endpoint.jar");
        assertTrue(TestSystem.await(LOAD_WAIT, () -> versions.getOrDefault("2.0.0", 0) >= 50), "load on v2");
        running.set(false);
        for (Thread t : clients) {
            t.join();
        }

        assertEquals(List.of(), failures, "no request failed during the replacement");
        assertTrue(versions.getOrDefault(oldVersion, 0) > 0 && ok.get() > 100, "load ran: " + versions);
        List<Gateway.Event> events = Gateway.readEvents(inFlight.body());
        assertEquals(15, events.size(), "the in-flight stream on the old version completed");
        assertEquals(oldVersion, inFlight.headers().firstValue("X-Echo-Plugin-Version").orElseThrow());
        assertEquals("2.0.0", admin.get("/api/v1/plugins").json().get(0).path("status").path("version").asText());
    }

    @Test
    void removingTheJarUnloadsThePlugin() throws Exception {
        Path jar = system.dropPlugin(ECHO_JAR, "echo-endpoint.jar");
        assertTrue(TestSystem.await(LOAD_WAIT, this::echoServes));
        Files.delete(jar);
        assertTrue(TestSystem.await(LOAD_WAIT, () -> !echoServes()), "unloaded");
        var status = admin.get("/api/v1/plugins").json().get(0).path("status");
        assertTrue(status.path("error").asText().contains("removed"), status.toString());
    }

    @Test
    void anUnreadableJarIsSkippedAndEverythingElseKeepsRunning() throws Exception {
        system.dropPlugin(ECHO_JAR, "echo-endpoint.jar");
        assertTrue(TestSystem.await(LOAD_WAIT, this::echoServes));
        Files.writeString(system.pluginsDir().resolve("broken.jar"), "not a jar at all");
        Files.writeString(system.pluginsDir().getParent().resolve("x"), "");
        Path noManifest = PluginJars.withManifest(ECHO_JAR, system.pluginsDir().getParent().resolve("nm.jar"),
                json -> "{ this is not json");
        system.dropPlugin(noManifest, "bad-manifest.jar");
        // the scanner's verdict on both, as the operator sees it: a log line naming the file and the reason
        assertTrue(TestSystem.await(LOAD_WAIT, () -> skipped.stream().anyMatch(l -> l.contains("broken.jar"))
                && skipped.stream().anyMatch(l -> l.contains("bad-manifest.jar"))), "both skipped: " + skipped);
        assertTrue(skipped.stream().filter(l -> l.contains("bad-manifest.jar")).allMatch(l -> l.contains("plugin.json")),
                "the reason names the manifest: " + skipped);
        assertTrue(echoServes());
        assertEquals(200, gateway.get("/plugins/echo/x", token).statusCode());
        assertEquals(1, admin.get("/api/v1/plugins").json().size(), "only the good jar is registered");
    }
}
