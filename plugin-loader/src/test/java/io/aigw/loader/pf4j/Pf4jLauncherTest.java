package io.aigw.loader.pf4j;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.PluginStatus;
import io.aigw.loader.testing.TestJars;
import io.aigw.plugin.api.CustomEndpointHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pf4jLauncherTest {

    static final Path ECHO_JAR = Path.of(System.getProperty("echo.jar"));
    static final String ECHO_ID = "io.aigw.examples.echo";

    @TempDir
    Path tmp;

    @Test
    void loadsTheEchoJarInItsOwnClassLoaderSharingOnlyThePluginApi() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(ECHO_JAR, plugins.resolve("echo.jar"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, Duration.ofHours(1))) {
            Pf4jLauncher launcher = new Pf4jLauncher(directory, tmp.resolve("staging"));
            try (LoadedPlugin loaded = launcher.launch(new PluginSpec(1, "echo", "pf4j:" + ECHO_ID, Map.of()))) {
                CustomEndpointHandler handler = assertInstanceOf(CustomEndpointHandler.class, loaded.plugin());
                ClassLoader pluginLoader = ContextLoaderProxy.unwrap(handler).getClass().getClassLoader();
                assertNotSame(getClass().getClassLoader(), pluginLoader);
                assertTrue(pluginLoader instanceof ApiFirstClassLoader);
                assertEquals(4, handler.getEndpointRegistrations().size());
                assertFalse(loaded.version().isBlank());
            }
            try (var staged = Files.list(tmp.resolve("staging"))) {
                assertEquals(0, staged.count(), "closing removes the staged copy");
            }
        }
    }

    @Test
    void aJarWithoutAPluginServiceFailsWithAClearMessage() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.write(plugins.resolve("empty.jar"), Map.of("plugin.json", TestJars.manifest("empty", "1")));
        try (PluginDirectory directory = PluginDirectory.open(plugins, Duration.ofHours(1))) {
            Pf4jLauncher launcher = new Pf4jLauncher(directory, tmp.resolve("staging"));
            PluginLoadException e = assertThrows(PluginLoadException.class,
                    () -> launcher.launch(new PluginSpec(1, "empty", "pf4j:empty", Map.of())));
            assertTrue(e.getMessage().contains("META-INF/services/io.aigw.plugin.api.Plugin"), e.getMessage());
            PluginLoadException missing = assertThrows(PluginLoadException.class,
                    () -> launcher.launch(new PluginSpec(2, "nope", "pf4j:nope", Map.of())));
            assertTrue(missing.getMessage().contains("no jar with plugin id 'nope'"), missing.getMessage());
        }
    }

    @Test
    void aJarWhosePluginClassIsMissingFailsNamingTheClassAndTheJar() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.write(plugins.resolve("hollow.jar"), Map.of("plugin.json", TestJars.manifest("hollow", "1"),
                "META-INF/services/io.aigw.plugin.api.Plugin", "com.example.hollow.HollowPlugin\n"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, Duration.ofHours(1))) {
            Pf4jLauncher launcher = new Pf4jLauncher(directory, tmp.resolve("staging"));
            PluginLoadException e = assertThrows(PluginLoadException.class,
                    () -> launcher.launch(new PluginSpec(1, "hollow", "pf4j:hollow", Map.of())));
            assertEquals("hollow.jar: cannot load the plugin class named in META-INF/services/io.aigw.plugin.api.Plugin: "
                    + "Provider com.example.hollow.HollowPlugin not found", e.getMessage());
        }
    }

    @Test
    void aMissingPluginClassShowsAsAFailedStatusAndTheOtherPluginsStillLoad() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.write(plugins.resolve("hollow.jar"), Map.of("plugin.json", TestJars.manifest("hollow", "1"),
                "META-INF/services/io.aigw.plugin.api.Plugin", "com.example.hollow.HollowPlugin\n"));
        Files.copy(ECHO_JAR, plugins.resolve("echo.jar"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, Duration.ofHours(1));
             PluginHost host = new PluginHost(List.of(new Pf4jLauncher(directory, tmp.resolve("staging"))),
                     Duration.ofSeconds(10), Duration.ofSeconds(1))) {
            host.apply(List.of(new PluginSpec(1, "hollow", "pf4j:hollow", Map.of()),
                    new PluginSpec(2, "echo", "pf4j:" + ECHO_ID, Map.of())));
            PluginStatus hollow = host.status(1).orElseThrow();
            assertEquals(PluginState.FAILED, hollow.state(), hollow.toString());
            assertTrue(hollow.error().contains("com.example.hollow.HollowPlugin")
                    && hollow.error().contains("hollow.jar"), hollow.error());
            assertEquals(PluginState.RUNNING, host.status(2).orElseThrow().state());
        }
    }
}
