package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.runtime.Handshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the echo plugin's build leaves beside its launcher: the manifest ({@code <launcher>.json})
 * and, on JDK 25+, an AOT cache ({@code <launcher>.aot}) the launcher really uses; and a cache that
 * does not fit never keeps the plugin from starting.
 */
class EchoLauncherBuildTest {

    static final Path LAUNCHER = Path.of(System.getProperty("echo.launcher")).toAbsolutePath().normalize();
    static final Path CACHE = LAUNCHER.resolveSibling(LAUNCHER.getFileName() + ".aot");

    @Test
    void theManifestIsBesideTheLauncher() throws Exception {
        PluginManifest manifest = ManifestReader.besideBinary(LAUNCHER).orElseThrow();
        assertEquals("io.aigw.examples.echo", manifest.id());
        assertFalse(manifest.version().isBlank());
        assertFalse(manifest.version().contains("${"), "filtered: " + manifest.version());
    }

    @Test
    void theBuildsAotCacheIsUsedByTheLauncher() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches are made on JDK 25+");
        assertTrue(Files.isRegularFile(CACHE), "the build trained " + CACHE);
        // AOTMode=on: a cache the JVM cannot use is fatal instead of ignored
        Process p = start(LAUNCHER, "-XX:AOTMode=on");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith(Handshake.PREFIX + "|"),
                    "handshake first on stdout, got " + first + "; stderr: " + stderr(p));
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aCacheThatDoesNotFitNeverStopsThePlugin(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches are made on JDK 25+");
        // the launcher's layout, copied with its timestamps
        Path launcher = dir.resolve(LAUNCHER.getFileName());
        Path jar = dir.resolve("echo-endpoint.jar");
        Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(LAUNCHER.resolveSibling("echo-endpoint.jar"), jar, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectory(dir.resolve("external-lib"));
        try (Stream<Path> jars = Files.list(LAUNCHER.resolveSibling("external-lib"))) {
            for (Path lib : jars.toList()) {
                Files.copy(lib, dir.resolve("external-lib").resolve(lib.getFileName()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path cache = dir.resolve(CACHE.getFileName());

        // A jar replaced after the training: the JVM would not notice and would run the cached
        // classes, so the launcher leaves the cache out and says so.
        Files.copy(CACHE, cache, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(cache).toInstant().plusSeconds(5)));
        Process p = start(launcher, "-XX:AOTMode=auto");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith(Handshake.PREFIX + "|"), "handshake, got " + first);
            p.getOutputStream().close();
            String err = stderr(p);
            assertTrue(err.contains(jar + " is newer than " + cache + ": running without the AOT cache"), err);
        } finally {
            p.destroyForcibly();
        }

        // Caches the JVM itself refuses: it says why on stderr and starts without.
        ExternalPluginLauncher gateway = new ExternalPluginLauncher(
                ExternalPluginSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20));
        for (String kind : List.of("garbage", "truncated")) {
            if (kind.equals("garbage")) {
                Files.writeString(cache, "not an AOT cache\n".repeat(1000));
            } else {
                try (var in = Files.newInputStream(CACHE)) {
                    Files.write(cache, in.readNBytes(1 << 20));
                }
            }
            Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(cache).toInstant().minusSeconds(5)));
            LoadedPlugin loaded = gateway.launch(new PluginSpec(1, "echo-" + kind, "file://" + launcher, Map.of()));
            try {
                loaded.plugin().initialize(BasicPluginContext.named("echo-" + kind), Map.of());
                assertFalse(loaded.version().isEmpty(), kind + " cache: the plugin started and answered");
            } finally {
                loaded.close();
            }
        }
    }

    private static Process start(Path launcher, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
        env.put(Handshake.MAGIC_COOKIE_KEY, Handshake.MAGIC_COOKIE_VALUE);
        env.put(Handshake.NETWORK_KEY, "tcp");
        env.put(Handshake.EXIT_ON_STDIN_EOF_KEY, "1");
        env.put("AIGW_PLUGIN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("AIGW_PLUGIN_JAVA_OPTS", javaOpts);
        return builder.start();
    }

    private static String stderr(Process p) throws Exception {
        p.waitFor(5, TimeUnit.SECONDS);
        return p.isAlive() ? "(still running)" : new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
