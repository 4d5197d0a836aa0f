package io.aigw.studio.testing;

import io.aigw.studio.StudioMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The all-in-one system as its own JVM ({@link StudioMain} on this test's classpath, configured from
 * the environment as {@code ./run.sh} starts it), for what only a real process shows: signals,
 * kill -9, and what outlives it. Its data lives in {@code root/data}, so a second start on the same
 * root finds the first one's data.
 */
public final class SystemProcess implements AutoCloseable {

    public static final String ADMIN_KEY = "aigw_admin_system_process_test_key_0123456789";

    private final Process process;
    private final Path log;
    private final AdminClient admin;
    private final int gatewayPort;
    private final URI apiBase;

    private SystemProcess(Process process, Path log, URI apiBase, int gatewayPort) {
        this.process = process;
        this.log = log;
        this.apiBase = apiBase;
        this.admin = new AdminClient(apiBase, ADMIN_KEY);
        this.gatewayPort = gatewayPort;
    }

    /** Starts on {@code root} (data and plugins under it) on free ports and waits until the admin API answers. */
    public static SystemProcess start(Path root) {
        return start(root, Map.of());
    }

    /** {@link #start(Path)} with {@code extraEnv} on top (e.g. DATABASE_URL: a control plane on a shared database). */
    public static SystemProcess start(Path root, Map<String, String> extraEnv) {
        try {
            Files.createDirectories(root.resolve("plugins"));
            int studioPort = TestSystem.freePort();
            int gatewayPort = TestSystem.freePort();
            Path log;
            try (Stream<Path> files = Files.list(root)) {
                log = root.resolve("system-" + files.filter(p -> p.getFileName().toString().startsWith("system-"))
                        .count() + ".log");
            }
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    // starts sooner on a busy machine; nothing here measures speed
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    StudioMain.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("DATA_DIR", root.resolve("data").toString(),
                    "PLUGINS_DIR", root.resolve("plugins").toString(), "STUDIO_HOST", "127.0.0.1",
                    "STUDIO_PORT", String.valueOf(studioPort), "GATEWAY_HOST", "127.0.0.1",
                    "GATEWAY_PORT", String.valueOf(gatewayPort), "STUDIO_ADMIN_KEY", ADMIN_KEY));
            builder.environment().putAll(extraEnv);
            SystemProcess system = new SystemProcess(builder.start(), log,
                    URI.create("http://127.0.0.1:" + studioPort + "/"), gatewayPort);
            boolean up = TestSystem.await(Duration.ofSeconds(60), () -> {
                if (!system.process.isAlive()) {
                    return true;
                }
                try {
                    return system.admin.get("/api/v1/plugins").status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            if (!up || !system.process.isAlive()) {
                system.close();
                throw new AssertionError("the system did not come up" + (system.process.isAlive() ? ""
                        : " (exited with " + system.process.exitValue() + ")") + ":\n" + system.logText());
            }
            return system;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public AdminClient admin() {
        return admin;
    }

    public URI gatewayBase() {
        return URI.create("http://127.0.0.1:" + gatewayPort + "/");
    }

    public URI apiBase() {
        return apiBase;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** kill -9, and waits until the JVM is gone. */
    public void killHard() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the system JVM survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The live child processes of this JVM whose command line names {@code argument}. */
    public List<ProcessHandle> descendantsWith(String argument) {
        return process.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                .toList();
    }

    /** The embedded PostgreSQL serving {@code root}'s data now, from its {@code postmaster.pid}. */
    public static Optional<ProcessHandle> postgres(Path root) {
        try {
            List<String> lines = Files.readAllLines(root.resolve("data/postgres/postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the system at once, the test being over: kill -9 of the JVM and everything it started
     * ({@link #cleanUp} then stops whatever PostgreSQL is left); a no-op once it is gone.
     */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        killHard();
    }

    /**
     * Kills whatever embedded PostgreSQL still runs on {@code root} (where a test found the system
     * leaving one behind) and deletes {@code root}.
     */
    public static void cleanUp(Path root) {
        postgres(root).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
        });
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test over
        }
    }
}
