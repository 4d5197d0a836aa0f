package io.aigw.loader.pf4j;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.testing.CapturedLog;
import io.aigw.loader.testing.TestJars;
import io.aigw.loader.testing.plugins.ThreadLeavingPlugin;
import io.aigw.plugin.api.BasicPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads a plugin starts and never stops end when the plugin is unloaded. */
class SpawnedThreadsTest {

    static final Set<String> LEFT_RUNNING = Set.of("leaky-timer", "leaky-scheduler", "leaky-pool", "leaky-sleeper");

    @TempDir
    Path tmp;

    @Test
    void timersExecutorsAndThreadsAPluginLeftRunningAreGoneOnceItIsUnloaded() throws Exception {
        try (PluginDirectory directory = directory()) {
            LoadedPlugin loaded = launch(directory, Map.of());
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> liveThreadNames().containsAll(LEFT_RUNNING));
            } finally {
                loaded.close();
            }
            List<String> survivors = liveThreadNames().stream().filter(LEFT_RUNNING::contains).toList();
            assertEquals(List.of(), survivors, "still running after unload");
        }
    }

    @Test
    void aThreadThatIgnoresTheInterruptIsNamedInTheLog() throws Exception {
        try (PluginDirectory directory = directory();
             CapturedLog log = new CapturedLog("io.aigw.loader.guard")) {
            LoadedPlugin loaded = launch(directory, Map.of("stubborn", "yes"));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> liveThreadNames().contains("leaky-stubborn"));
            } finally {
                loaded.close();
            }
            assertTrue(log.contains("WARNING Plugin leaky was unloaded but threads it started are still running",
                    "[leaky-stubborn]"), log.lines().toString());
            assertTrue(liveThreadNames().stream().noneMatch(LEFT_RUNNING::contains), "the others are gone");
        }
    }

    PluginDirectory directory() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.plugin(plugins.resolve("leaky.jar"), TestJars.manifest("leaky", "1"), ThreadLeavingPlugin.class);
        return PluginDirectory.open(plugins, Duration.ofHours(1));
    }

    LoadedPlugin launch(PluginDirectory directory, Map<String, String> config) throws Exception {
        LoadedPlugin loaded = new Pf4jLauncher(directory, tmp.resolve("staging"))
                .launch(new PluginSpec(1, "leaky", "pf4j:leaky", config));
        loaded.plugin().initialize(BasicPluginContext.named("leaky"), config);
        return loaded;
    }

    static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
