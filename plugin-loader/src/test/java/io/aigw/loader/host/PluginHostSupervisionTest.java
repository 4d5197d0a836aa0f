package io.aigw.loader.host;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plugin that reports its own death is taken out of service, restarted with back-off, watched once. */
class PluginHostSupervisionTest {

    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger watching = new AtomicInteger();
    private final AtomicInteger launches = new AtomicInteger();
    private volatile int failLaunchesFrom = Integer.MAX_VALUE;
    private final PluginHost host = new PluginHost(List.of(new DyingLauncher()), Duration.ofSeconds(2),
            Duration.ofSeconds(2), new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMinutes(1)));
    private final PluginSpec spec = new PluginSpec(1, "mortal", "mortal:", Map.of("slug", "m"));

    @AfterEach
    void close() {
        host.close();
    }

    private final class DyingLauncher implements PluginLauncher {
        @Override
        public boolean handles(String command) {
            return command.startsWith("mortal:");
        }

        @Override
        public LoadedPlugin launch(PluginSpec spec) throws PluginLoadException {
            if (launches.incrementAndGet() >= failLaunchesFrom) {
                throw new PluginLoadException("cannot start");
            }
            CustomEndpointHandler plugin = () -> List.of(EndpointRegistration.builder("/*").methods("GET").build());
            PluginProcessInfo process = new PluginProcessInfo(1000 + launches.get(), Instant.now());
            return new LoadedPlugin() {
                private boolean watched;

                @Override
                public Optional<PluginProcessInfo> process() {
                    return Optional.of(process);
                }

                @Override
                public CustomEndpointHandler plugin() {
                    return plugin;
                }

                @Override
                public String version() {
                    return "1";
                }

                @Override
                public synchronized void watch(Consumer<String> onFailure) {
                    watched = true;
                    watching.incrementAndGet();
                    watchers.add(onFailure);
                }

                @Override
                public synchronized void stopWatching() {
                    if (watched) {
                        watched = false;
                        watching.decrementAndGet();
                    }
                }

                @Override
                public void close() {
                    stopWatching();
                }
            };
        }
    }

    @Test
    void aDeadPluginIsUnavailableAtOnceThenRestartedAndWatchedAgain() {
        host.apply(List.of(spec));
        assertEquals(PluginState.RUNNING, host.status(1).orElseThrow().state());
        assertEquals(1001, host.status(1).orElseThrow().process().pid(), "the serving process");
        assertEquals(1, watching.get());

        watchers.getLast().accept("process exited with code 137");
        await().atMost(30, TimeUnit.SECONDS).until(() -> host.status(1).orElseThrow().state() != PluginState.RUNNING
                || host.status(1).orElseThrow().restarts() == 1);
        await().atMost(30, TimeUnit.SECONDS).until(() -> host.status(1).orElseThrow().restarts() == 1
                && host.status(1).orElseThrow().state() == PluginState.RUNNING);
        assertNotNull(host.entries().getFirst().serving());
        assertEquals(2, launches.get());
        PluginProcessInfo restarted = host.status(1).orElseThrow().process();
        assertEquals(1002, restarted.pid(), "the restarted process");
        assertTrue(!restarted.startedAt().isAfter(Instant.now()), restarted.toString());
        assertEquals(1, watching.get(), "exactly one watch for the plugin");

        // reloads replace the generation; still one watch
        host.reload(1);
        host.reload(1);
        await().atMost(30, TimeUnit.SECONDS).until(() -> watching.get() == 1);
        assertEquals(1, watching.get());
    }

    @Test
    void failedRestartsBackOffAndStayRestartingWithTheError() {
        host.apply(List.of(spec));
        failLaunchesFrom = 2;
        watchers.getLast().accept("health check failed");
        await().atMost(30, TimeUnit.SECONDS).until(() -> host.status(1).orElseThrow().state() == PluginState.RESTARTING);
        assertNull(host.entries().getFirst().serving(), "no generation serves: routes answer 503");
        // attempts after 50, 100, 200, 400, 400 ms...
        await().atMost(30, TimeUnit.SECONDS).until(() -> launches.get() >= 5);
        PluginStatus status = host.status(1).orElseThrow();
        assertEquals(PluginState.RESTARTING, status.state());
        assertTrue(status.error().contains("restart failed: cannot start"), status.error());
        assertNull(status.process(), "no process while none serves");

        failLaunchesFrom = Integer.MAX_VALUE;
        await().atMost(30, TimeUnit.SECONDS).until(() -> host.status(1).orElseThrow().state() == PluginState.RUNNING);
        assertEquals(1, host.status(1).orElseThrow().restarts());
    }

    @Test
    void unloadingStopsTheWatchAndAnyPendingRestart() throws Exception {
        host.apply(List.of(spec));
        failLaunchesFrom = 2;
        watchers.getLast().accept("gone");
        host.apply(List.of());
        int launched = launches.get();
        Thread.sleep(600);
        assertEquals(launched, launches.get(), "no restart after unload");
        assertEquals(0, watching.get());
    }
}
