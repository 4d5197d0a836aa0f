package io.aigw.gateway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.SnapshotJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Holds the control plane's snapshot stream open ({@link EdgeProtocol}: server-sent events) and hands each pushed snapshot to the edge; reconnects with capped, jittered backoff
 * whenever the stream fails, ends, or goes silent for longer than the idle timeout.
 */
final class ControlPlaneClient implements AutoCloseable {

    /** What the edge does with a pushed snapshot; returns normally once it serves it. */
    interface SnapshotSink {
        void accept(ConfigSnapshot snapshot, String json) throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(ControlPlaneClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EdgeSettings settings;
    private final SnapshotSink sink;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final Backoff backoff;
    private final Thread loop;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile InputStream stream;
    private volatile long lastActivity;
    private volatile String edgeId;

    ControlPlaneClient(EdgeSettings settings, SnapshotSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.backoff = new Backoff(Duration.ofMillis(100), settings.reconnectMax());
        this.loop = Thread.ofVirtual().name("edge-stream-" + settings.name()).unstarted(this::run);
    }

    void start() {
        loop.start();
        Thread.ofVirtual().name("edge-stream-watchdog").start(this::watchdog);
    }

    boolean connected() {
        return connected;
    }

    private void run() {
        while (!closed) {
            try {
                streamOnce();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(connected ? WARNING : DEBUG, "Control plane stream failed: {0}", e.toString());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(WARNING, "Control plane stream failed", e);
            } finally {
                if (connected) {
                    LOG.log(WARNING, "Disconnected from the control plane; serving the last snapshot and reconnecting");
                }
                connected = false;
                edgeId = null;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff.next());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void streamOnce() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(EdgeProtocol.resolve(settings.controlPlane(), EdgeProtocol.STREAM_PATH))
                .header("Authorization", Bearer.header(settings.secret()))
                .header(EdgeProtocol.NAME_HEADER, settings.name())
                .header("Accept", EdgeProtocol.EVENT_STREAM)
                .GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String body = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
                LOG.log(WARNING, "Control plane refused the edge stream: HTTP {0} {1}", response.statusCode(), body);
                return;
            }
            stream = in;
            lastActivity = System.nanoTime();
            read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } finally {
            stream = null;
        }
    }

    private void read(BufferedReader reader) throws IOException {
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (!closed && (line = reader.readLine()) != null) {
            lastActivity = System.nanoTime();
            if (line.isEmpty()) {
                if (event != null) {
                    dispatch(event, data.toString());
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
            // comments (": heartbeat") and ids only keep the stream alive
        }
    }

    private void dispatch(String event, String data) throws IOException {
        switch (event) {
            case EdgeProtocol.HELLO_EVENT -> {
                edgeId = JSON.readTree(data).path(EdgeProtocol.EDGE_ID).asText(null);
                connected = true;
                backoff.reset();
                LOG.log(INFO, "Connected to the control plane at {0} as {1}", settings.controlPlane(), edgeId);
            }
            case EdgeProtocol.SNAPSHOT_EVENT -> {
                ConfigSnapshot snapshot = SnapshotJson.read(data);
                try {
                    sink.accept(snapshot, data);
                } catch (Exception e) {
                    LOG.log(WARNING, "Applying snapshot version " + snapshot.version() + " failed", e);
                    return;
                }
                ack(snapshot.version());
            }
            default -> LOG.log(DEBUG, "Ignoring control plane event {0}", event);
        }
    }

    // Acknowledged off the stream thread, so a slow ack never delays the next snapshot.
    private void ack(long version) {
        String id = edgeId;
        if (id == null) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(EdgeProtocol.resolve(settings.controlPlane(), EdgeProtocol.ACK_PATH))
                        .header("Authorization", Bearer.header(settings.secret()))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of(EdgeProtocol.EDGE_ID, id, EdgeProtocol.VERSION, version))))
                        .build();
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                LOG.log(DEBUG, "Acknowledging version {0} failed: {1}", version, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A stream with no heartbeat for the idle timeout is closed, which makes the loop reconnect. */
    private void watchdog() {
        long idleNanos = settings.idleTimeout().toNanos();
        while (!closed) {
            try {
                Thread.sleep(Math.max(100, settings.idleTimeout().toMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
            InputStream in = stream;
            if (in != null && System.nanoTime() - lastActivity > idleNanos) {
                LOG.log(WARNING, "Control plane stream silent for {0}; reconnecting", settings.idleTimeout());
                closeQuietly(in);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = stream;
        if (in != null) {
            closeQuietly(in);
        }
        loop.interrupt();
        http.shutdownNow();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing to unblock a reader; nothing to do if that fails
        }
    }
}
