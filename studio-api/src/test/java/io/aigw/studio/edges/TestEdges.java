package io.aigw.studio.edges;

import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.studio.publish.SnapshotReader;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Edge gateways for the config sync tests: in this JVM, each on its own port, plugins and data directory. */
final class TestEdges {

    /** Generous for a loaded CI machine: each wait ends as soon as the change is seen. */
    static final Duration LIVE = Duration.ofSeconds(30);

    private TestEdges() {
    }

    /**
     * The environment of an edge named {@code name} under {@code root}, streaming from
     * {@code controlPlanes} (in that order of preference), with the echo plugin's jar in its
     * plugins directory.
     */
    static Map<String, String> env(Path root, String name, List<URI> controlPlanes) {
        try {
            Path dir = root.resolve(name);
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            Path jar = TestSystem.echoJar().orElseThrow(() -> new AssertionError("echo plugin jar must be built first"));
            if (!Files.exists(plugins.resolve("echo-endpoint.jar"))) {
                Files.copy(jar, plugins.resolve("echo-endpoint.jar"));
            }
            Map<String, String> env = new HashMap<>();
            env.put("CONTROL_PLANE_URL", controlPlanes.stream().map(URI::toString).collect(Collectors.joining(",")));
            env.put("EDGE_SECRET", TestSystem.EDGE_SECRET);
            env.put("EDGE_NAME", name);
            env.put("GATEWAY_HOST", "127.0.0.1");
            env.put("GATEWAY_PORT", "0");
            env.put("PLUGINS_DIR", plugins.toString());
            env.put("DATA_DIR", dir.resolve("data").toString());
            env.put("PLUGINS_DIR_SCAN_INTERVAL", "100ms");
            env.put("EDGE_RECONNECT_MAX", "300ms");
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Edge start(Map<String, String> env) {
        return Edge.start(EdgeSettings.fromEnv(env));
    }

    /** The status of a GET to {@code edge} with {@code token} (none when null). */
    static int get(Edge edge, String path, String token) {
        return call(edge, path, token).status();
    }

    static HttpResult call(Edge edge, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return AdminClient.send(request.GET());
    }

    /** Everything gateways should serve, read from the database now: the ground truth. */
    static ConfigSnapshot stored(DataSource db) {
        return Jdbi.create(db).inTransaction(h -> {
            h.execute("set transaction isolation level repeatable read, read only");
            return new SnapshotReader().read(h);
        });
    }

    /** Waits until {@code edge} serves exactly what is stored. */
    static boolean servesWhatIsStored(Edge edge, DataSource db) {
        return TestSystem.await(LIVE, () -> edge.config().equals(stored(db)));
    }

    /**
     * This control plane's view of the newest connection of the edge named {@code name}, as
     * {@code GET /api/v1/edges} shows it; null when none.
     */
    static com.fasterxml.jackson.databind.JsonNode listed(AdminClient admin, String name) {
        com.fasterxml.jackson.databind.JsonNode found = null;
        for (var e : admin.get("/api/v1/edges").json()) {
            if (e.path("name").asText().equals(name)) {
                found = e; // listed oldest first
            }
        }
        return found;
    }
}
