package io.aigw.loader.directory;

import io.aigw.loader.testing.CapturedLog;
import io.aigw.loader.testing.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginDirectoryTest {

    @TempDir
    Path dir;

    /** Scans are driven by hand; the background interval is long enough never to interfere. */
    private PluginDirectory open() throws Exception {
        return PluginDirectory.open(dir, Duration.ofHours(1));
    }

    @Test
    void skipsUnreadableJarsWithALineNamingFileAndReason() throws Exception {
        Files.writeString(dir.resolve("garbage.jar"), "this is not a zip");
        TestJars.write(dir.resolve("no-manifest.jar"), Map.of("README", "hi"));
        TestJars.write(dir.resolve("bad-json.jar"), Map.of("plugin.json", "{\"id\": "));
        TestJars.write(dir.resolve("good.jar"), Map.of("plugin.json", TestJars.manifest("good", "1.0")));
        try (CapturedLog log = new CapturedLog(PluginDirectory.class.getName());
             PluginDirectory directory = open()) {
            assertEquals(List.of("good"), directory.jars().stream().map(j -> j.manifest().id()).toList());
            assertTrue(log.contains("garbage.jar", "not a readable jar"), log.lines().toString());
            assertTrue(log.contains("no-manifest.jar", "no plugin.json"), log.lines().toString());
            assertTrue(log.contains("bad-json.jar", "malformed JSON"), log.lines().toString());
        }
    }

    @Test
    void reportsAddedChangedAndRemovedJarsOnceTheyHaveSettled() throws Exception {
        try (PluginDirectory directory = open()) {
            List<String> events = new CopyOnWriteArrayList<>();
            directory.addListener(new PluginJarListener() {
                @Override
                public void jarAdded(PluginJar jar) {
                    events.add("added " + jar.manifest().version());
                }

                @Override
                public void jarChanged(PluginJar previous, PluginJar jar) {
                    events.add("changed " + previous.manifest().version() + "->" + jar.manifest().version());
                }

                @Override
                public void jarRemoved(PluginJar jar) {
                    events.add("removed " + jar.manifest().version());
                }
            });
            Path jar = TestJars.write(dir.resolve("p.jar"), Map.of("plugin.json", TestJars.manifest("p", "1")));
            directory.scanNow();
            assertEquals(List.of(), events, "a file seen once may still be being written");
            directory.scanNow();
            assertEquals(List.of("added 1"), events);

            Files.delete(jar);
            TestJars.write(dir.resolve("p.jar"), Map.of("plugin.json", TestJars.manifest("p", "2")));
            directory.scanNow();
            directory.scanNow();
            assertEquals(List.of("added 1", "changed 1->2"), events);

            Files.delete(jar);
            directory.scanNow();
            assertEquals(List.of("added 1", "changed 1->2", "removed 2"), events);
        }
    }

    @Test
    void aBrokenReplacementKeepsThePreviousVersion() throws Exception {
        Path jar = TestJars.write(dir.resolve("p.jar"), Map.of("plugin.json", TestJars.manifest("p", "1")));
        try (CapturedLog log = new CapturedLog(PluginDirectory.class.getName());
             PluginDirectory directory = open()) {
            Files.writeString(jar, "truncated upload");
            directory.scanNow();
            directory.scanNow();
            assertEquals("1", directory.jar("p").orElseThrow().manifest().version());
            assertTrue(log.contains("p.jar", "keeping the previous version"), log.lines().toString());
        }
    }

    @Test
    void aSecondJarWithTheSameIdIsSkipped() throws Exception {
        TestJars.write(dir.resolve("a.jar"), Map.of("plugin.json", TestJars.manifest("p", "1")));
        TestJars.write(dir.resolve("b.jar"), Map.of("plugin.json", TestJars.manifest("p", "2")));
        try (CapturedLog log = new CapturedLog(PluginDirectory.class.getName());
             PluginDirectory directory = open()) {
            assertEquals("a.jar", directory.jar("p").orElseThrow().path().getFileName().toString());
            assertTrue(log.contains("b.jar", "already provided by a.jar"), log.lines().toString());
        }
    }
}
