package io.aigw.studio.testing;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.Studio;
import io.aigw.studio.StudioSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A whole system — control plane, its database, embedded gateway — in a temporary directory, on
 * free ports. {@link #restart()} keeps the data; {@link #close()} deletes it. Started through
 * {@link Systems} it uses a fresh database in the test JVM's shared PostgreSQL; started with
 * {@link #start()} it runs an embedded PostgreSQL of its own, as {@code ./run.sh} does.
 *
 * <pre>
 * TestSystem system = systems.start();
 * long id = system.admin().post("/api/v1/apps", Map.of("name", "a")).id();
 * HttpResult r = system.gatewayGet("/plugins/echo/x", token);
 * </pre>
 */
public final class TestSystem implements AutoCloseable {

    /** The edge secret every test system accepts. */
    public static final String EDGE_SECRET = "test-edge-secret-0123456789";

    private final Path root;
    private final Map<String, String> env;
    private final String adminKey;
    private final Runnable dropDatabase;
    private Studio studio;
    private boolean closed;

    private TestSystem(Path root, Map<String, String> env, String adminKey, Runnable dropDatabase) {
        this.root = root;
        this.env = env;
        this.adminKey = adminKey;
        this.dropDatabase = dropDatabase;
    }

    /**
     * Starts a system with an embedded PostgreSQL of its own under its data directory. Most tests
     * want {@link Systems} instead (a database in the test JVM's shared server); this is for tests
     * of the embedded database itself, e.g. its data surviving a restart.
     */
    public static TestSystem start() {
        return start(Map.of());
    }

    /** {@link #start()} with extra environment variables (e.g. PLUGIN_ENDPOINT_UNARY_TIMEOUT) on top of the defaults. */
    public static TestSystem start(Map<String, String> extraEnv) {
        return start(extraEnv, null, () -> { });
    }

    /** Starts on a fresh database in {@code postgres} (see {@link Systems}); closing drops it. */
    static TestSystem start(SharedPostgres postgres, Map<String, String> extraEnv) {
        String database = postgres.createDatabase();
        try {
            return start(extraEnv, postgres.url(database), () -> postgres.drop(database));
        } catch (RuntimeException | Error e) {
            postgres.drop(database);
            throw e;
        }
    }

    private static TestSystem start(Map<String, String> extraEnv, String databaseUrl, Runnable dropDatabase) {
        try {
            Path root = Files.createTempDirectory("aigw-test-");
            Files.createDirectories(root.resolve("plugins"));
            String adminKey = Tokens.generate("aigw_admin_test_");
            Map<String, String> env = new HashMap<>();
            env.put("DATA_DIR", root.resolve("data").toString());
            env.put("PLUGINS_DIR", root.resolve("plugins").toString());
            env.put("STUDIO_HOST", "127.0.0.1");
            env.put("STUDIO_PORT", "0");
            env.put("GATEWAY_HOST", "127.0.0.1");
            env.put("GATEWAY_PORT", "0");
            env.put("PLUGINS_DIR_SCAN_INTERVAL", "100ms");
            env.put("STUDIO_ADMIN_KEY", adminKey);
            env.put("STUDIO_EDGE_SECRET", EDGE_SECRET);
            if (databaseUrl != null) {
                env.put("DATABASE_URL", databaseUrl);
            }
            env.putAll(extraEnv);
            TestSystem system = new TestSystem(root, env, adminKey, dropDatabase);
            try {
                system.studio = Studio.start(StudioSettings.fromEnv(env));
            } catch (RuntimeException | Error e) {
                deleteRecursively(root);
                throw e;
            }
            return system;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops everything and starts again on the same data and plugins directories. */
    public void restart() {
        studio.close();
        studio = Studio.start(StudioSettings.fromEnv(env));
    }

    /** Stops the control plane (and its embedded gateway), keeping its data for {@link #startStudio()}. */
    public void stopStudio() {
        studio.close();
        studio = null;
    }

    public void startStudio() {
        studio = Studio.start(StudioSettings.fromEnv(env));
    }

    /** A port free right now, for a control plane that must come back on the same address. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Studio studio() {
        return studio;
    }

    public String adminKey() {
        return adminKey;
    }

    /** An admin API client presenting the admin key. */
    public AdminClient admin() {
        return new AdminClient(apiBase(), adminKey);
    }

    /** Creates a (non-admin) user and returns a client presenting that user's API key. */
    public AdminClient newUser(String email) {
        HttpResult created = admin().post("/api/v1/users", java.util.Map.of("email", email, "name", email));
        if (created.status() != 201) {
            throw new AssertionError("creating user " + email + ": " + created);
        }
        return new AdminClient(apiBase(), created.json().path("api_key").asText());
    }

    public URI apiBase() {
        return URI.create("http://127.0.0.1:" + (studio != null ? studio.port() : env.get("STUDIO_PORT")) + "/");
    }

    public URI gatewayBase() {
        return URI.create("http://127.0.0.1:" + studio.gatewayPort() + "/");
    }

    /** A GET to the gateway, with {@code Authorization: Bearer token} when token is not null. */
    public HttpResult gatewayGet(String path, String token) {
        var request = java.net.http.HttpRequest.newBuilder(gatewayBase().resolve(path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return AdminClient.send(request.GET());
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    public Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** The echo example plugin's jar ({@code echo.jar} system property), if it has been built. */
    public static Optional<Path> echoJar() {
        String path = System.getProperty("echo.jar");
        return path == null || !Files.isRegularFile(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** Drops the echo plugin's jar into the plugins directory and waits until the gateway serves it. */
    public void installEcho() {
        dropPlugin(echoJar().orElseThrow(() -> new AssertionError("echo plugin jar must be built first")),
                "echo-endpoint.jar");
        if (!await(Duration.ofSeconds(30), () -> gatewayGet("/plugins/echo/public", null).status() == 200)) {
            throw new AssertionError("the dropped-in echo plugin is not served");
        }
    }

    /** Copies {@code jar} into the plugins directory (atomically, as an operator's deploy should). */
    public Path dropPlugin(Path jar, String fileName) {
        try {
            Path tmp = root.resolve(fileName + ".part");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(tmp, pluginsDir().resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Stops the system and deletes its directories and database; a no-op the second time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (studio != null) {
                studio.close();
            }
        } finally {
            try {
                dropDatabase.run();
            } finally {
                deleteRecursively(root);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test over
        }
    }
}
