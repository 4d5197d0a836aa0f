package io.aigw.loader.host;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.PluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher is a test double: what is under test is the host's lifecycle bookkeeping. */
class PluginHostTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean releaseSpinners = new AtomicBoolean();
    private final AtomicInteger spinningInits = new AtomicInteger();
    private final PluginHost host = new PluginHost(List.of(new FakeLauncher()), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    @AfterEach
    void close() {
        releaseSpinners.set(true);
        host.close();
    }

    /** {@code fake:<version>}; config {@code fail=init} makes initialize throw, {@code hang} never return. */
    private final class FakeLauncher implements PluginLauncher {
        @Override
        public boolean handles(String command) {
            return command.startsWith("fake:");
        }

        @Override
        public LoadedPlugin launch(PluginSpec spec) {
            String version = spec.command().substring(5);
            CustomEndpointHandler plugin = new CustomEndpointHandler() {
                @Override
                public void initialize(PluginContext context, Map<String, String> config) throws Exception {
                    if ("init".equals(config.get("fail"))) {
                        throw new IllegalStateException("missing webhook_secret");
                    }
                    if (config.containsKey("hang")) {
                        Thread.sleep(60_000);
                    }
                    if (config.containsKey("spin")) {
                        spinningInits.incrementAndGet();
                        while (!releaseSpinners.get()) {
                            Thread.onSpinWait(); // deaf to interruption
                        }
                    }
                    events.add("init " + version);
                }

                @Override
                public void shutdown() {
                    events.add("shutdown " + version);
                }

                @Override
                public List<EndpointRegistration> getEndpointRegistrations() {
                    return List.of(EndpointRegistration.builder("/*").methods("GET").build());
                }
            };
            return new LoadedPlugin() {
                @Override
                public CustomEndpointHandler plugin() {
                    return plugin;
                }

                @Override
                public String version() {
                    return version;
                }

                @Override
                public void close() {
                    events.add("closed " + version);
                }
            };
        }
    }

    private static PluginSpec spec(String command, Map<String, String> config) {
        return new PluginSpec(1, "p", command, config);
    }

    private static PluginSpec spec(long id, String command, Map<String, String> config) {
        return new PluginSpec(id, "p" + id, command, config);
    }

    @Test
    void loadsAndReportsRunning() {
        host.apply(List.of(spec("fake:1", Map.of())));
        PluginStatus status = host.status(1).orElseThrow();
        assertEquals(PluginState.RUNNING, status.state());
        assertEquals("1", status.version());
        assertEquals(1, host.entries().getFirst().serving().registrations().size());
    }

    @Test
    void reloadSwapsGenerationsAndShutsTheOldOneDownOnlyAfterItsRequestsFinish() {
        host.apply(List.of(spec("fake:1", Map.of())));
        Generation first = host.entries().getFirst().serving();
        assertTrue(first.tryAcquire(), "a request in flight on version 1");

        host.apply(List.of(spec("fake:2", Map.of())));
        Generation second = host.entries().getFirst().serving();
        assertEquals("2", second.version());
        assertFalse(first.tryAcquire(), "the retired generation takes no new requests");
        assertFalse(events.contains("shutdown 1"), "still serving its in-flight request");

        first.release();
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains("closed 1"));
        assertTrue(events.indexOf("shutdown 1") < events.indexOf("closed 1"));
        assertEquals(1, host.status(1).orElseThrow().restarts());
    }

    @Test
    void failedInitializeMarksThePluginFailedWithTheReason() {
        host.apply(List.of(spec("fake:1", Map.of("fail", "init"))));
        PluginStatus status = host.status(1).orElseThrow();
        assertEquals(PluginState.FAILED, status.state());
        assertTrue(status.error().contains("missing webhook_secret"), status.error());
        assertNull(host.entries().getFirst().serving());
        assertTrue(events.contains("closed 1"), "a failed launch releases what it took");
    }

    @Test
    void aFailedReloadKeepsThePreviousGenerationServing() {
        host.apply(List.of(spec("fake:1", Map.of())));
        Generation first = host.entries().getFirst().serving();
        host.apply(List.of(spec("fake:2", Map.of("fail", "init"))));
        assertSame(first, host.entries().getFirst().serving());
        PluginStatus status = host.status(1).orElseThrow();
        assertEquals(PluginState.RUNNING, status.state());
        assertTrue(status.error().startsWith("reload failed"), status.error());
    }

    @Test
    void initializeThatHangsTimesOut() {
        host.apply(List.of(spec("fake:1", Map.of("hang", "yes"))));
        PluginStatus status = host.status(1).orElseThrow();
        assertEquals(PluginState.FAILED, status.state());
        assertTrue(status.error().contains("did not finish within"), status.error());
    }

    @Test
    void unknownCommandIsAClearError() {
        host.apply(List.of(spec("ftp://x", Map.of())));
        assertTrue(host.status(1).orElseThrow().error().contains("unsupported command 'ftp://x'"));
    }

    @Test
    void removingASpecUnloadsThePlugin() {
        host.apply(List.of(spec("fake:1", Map.of())));
        List<Integer> sizesSeenByListeners = new CopyOnWriteArrayList<>();
        host.addListener(() -> sizesSeenByListeners.add(host.entries().size()));
        host.apply(List.of());
        assertTrue(host.status(1).isEmpty());
        assertEquals(List.of(0), sizesSeenByListeners, "listeners never see the removed plugin");
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains("closed 1"));
        assertTrue(events.indexOf("shutdown 1") >= 0 && events.indexOf("shutdown 1") < events.indexOf("closed 1"),
                "shut down, then closed: " + events);
    }

    @Test
    void aPluginSpinningInInitializeHoldsUpNoOtherPluginAndIsNotStartedTwice() {
        PluginSpec spinner = spec(1, "fake:1", Map.of("spin", "yes"));
        host.applyAsync(List.of(spinner));
        await().atMost(20, TimeUnit.SECONDS).until(() -> spinningInits.get() == 1);

        // A change that leaves the spinner's spec alone completes while it still spins.
        host.apply(List.of(spinner, spec(2, "fake:2", Map.of())));
        assertEquals(PluginState.RUNNING, host.status(2).orElseThrow().state());
        assertEquals(PluginState.STARTING, host.status(1).orElseThrow().state());

        await().atMost(20, TimeUnit.SECONDS).until(() -> host.status(1).orElseThrow().state() == PluginState.FAILED);
        assertTrue(host.status(1).orElseThrow().error().contains("did not finish within"));

        host.reload(1);
        PluginStatus refused = host.status(1).orElseThrow();
        assertEquals(PluginState.FAILED, refused.state());
        assertTrue(refused.error().contains("previous start of this plugin is still running"), refused.error());
        assertEquals(1, spinningInits.get(), "the stuck initialize was not started a second time");

        releaseSpinners.set(true);
        await().atMost(20, TimeUnit.SECONDS).until(() -> events.contains("closed 1"));
        host.reload(1);
        assertEquals(PluginState.RUNNING, host.status(1).orElseThrow().state(), "once it returned, it starts again");
    }
}
