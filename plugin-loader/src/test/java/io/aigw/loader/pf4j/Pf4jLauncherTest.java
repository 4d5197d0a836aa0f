package io.aigw.loader.pf4j;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.testing.TestJars;
import io.aigw.plugin.api.CustomEndpointHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                ClassLoader pluginLoader = handler.getClass().getClassLoader();
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
}
