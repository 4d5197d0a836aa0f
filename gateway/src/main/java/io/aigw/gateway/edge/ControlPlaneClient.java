package io.aigw.gateway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.DeltaGapException;
import io.aigw.gateway.config.SnapshotJson;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Holds a control plane's config stream open ({@link EdgeProtocol}: server-sent events), saying
 * which version the edge holds, and hands each full snapshot or delta to the edge. Reconnects
 * with capped, jittered backoff whenever the stream fails, ends, or goes silent for longer than
 * the idle timeout — to the next control plane in the list after a failure, so edges of a control
 * plane that went away move to another of the same database and take up at the version they hold.
 * A delta that does not follow the version held (a gap) ends the stream too: reconnecting with
 * that version asks for exactly what is missing.
 */
final class ControlPlaneClient implements AutoCloseable {

    /** What the edge does with what it is sent; each returns normally once the edge serves it. */
    interface SyncSink {

        /** The version the edge holds ({@code -1}: none). */
        long version();

        void snapshot(ConfigSnapshot snapshot, String json) throws Exception;

        /** @throws DeltaGapException when the delta does not follow the version held */
        void delta(ConfigDelta delta, String json) throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(ControlPlaneClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EdgeSettings settings;
    private final SyncSink sink;
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
    private volatile boolean applying;
    private volatile String edgeId;
    private volatile URI current;
    private final Object sleeper = new Object(); // the backoff wait, ended early by close()
    private int plane; // index into settings.controlPlanes(); only the loop thread touches it
    private int resyncs; // in a row; only the loop thread touches it

    ControlPlaneClient(EdgeSettings settings, SyncSink sink) {
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

    /** The control plane streamed from now, or null while none is. */
    URI controlPlane() {
        return connected ? current : null;
    }

    /** Ends the current stream only: the delta at hand left a gap; reconnecting heals it. */
    private static final class Resync extends Exception {
        Resync(String message) {
            super(message, null, false, false);
        }
    }

    private void run() {
        List<URI> planes = settings.controlPlanes();
        while (!closed) {
            boolean resync = false;
            URI base = planes.get(plane);
            current = base;
            try {
                streamOnce(base);
            } catch (Resync e) {
                resync = true;
                LOG.log(INFO, "{0}; asking {1} for the changes after version {2}", e.getMessage(), base,
                        sink.version());
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(connected ? WARNING : DEBUG, "Control plane stream from {0} failed: {1}", base, e.toString());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(WARNING, "Control plane stream from " + base + " failed", e);
            } finally {
                if (connected && !closed) {
                    LOG.log(WARNING, "Disconnected from the control plane at {0}; serving version {1} and "
                            + "reconnecting", base, sink.version());
                }
                connected = false;
                edgeId = null;
            }
            if (closed) {
                return;
            }
            if (resync && ++resyncs <= 3) {
                continue; // at once, to the same control plane: it has what is missing
            }
            if (!resync) {
                plane = (plane + 1) % planes.size();
            }
            resyncs = 0;
            try {
                Thread.sleep(backoff.next());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void streamOnce(URI base) throws IOException, InterruptedException, Resync {
        HttpRequest request = HttpRequest.newBuilder(EdgeProtocol.resolve(base, EdgeProtocol.streamPath(sink.version())))
                .header("Authorization", Bearer.header(settings.secret()))
                .header(EdgeProtocol.NAME_HEADER, settings.name())
                .header("Accept", EdgeProtocol.EVENT_STREAM)
                .GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String body = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
                LOG.log(WARNING, "Control plane at {0} refused the edge stream: HTTP {1} {2}", base,
                        response.statusCode(), body);
                return;
            }
            stream = in;
            lastActivity = System.nanoTime();
            // every byte counts as activity: a large snapshot is one long line
            InputStream watched = new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    lastActivity = System.nanoTime();
                    return n;
                }
            };
            read(base, new BufferedReader(new InputStreamReader(watched, StandardCharsets.UTF_8), 1 << 16));
        } finally {
            stream = null;
        }
    }

    private void read(URI base, BufferedReader reader) throws IOException, Resync {
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (!closed && (line = reader.readLine()) != null) {
            lastActivity = System.nanoTime();
            if (line.isEmpty()) {
                if (event != null) {
                    // applying a large snapshot takes a while, during which the stream is not silent
                    applying = true;
                    try {
                        dispatch(base, event, data.toString());
                    } finally {
                        lastActivity = System.nanoTime();
                        applying = false;
                    }
                }
                event = null;
                if (data.capacity() > 1 << 16) {
                    data = new StringBuilder(); // a whole snapshot's buffer is not kept for the deltas after it
                } else {
                    data.setLength(0);
                }
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
            // comments (": heartbeat") and ids only keep the stream alive
        }
    }

    private void dispatch(URI base, String event, String data) throws IOException, Resync {
        switch (event) {
            case EdgeProtocol.HELLO_EVENT -> {
                edgeId = JSON.readTree(data).path(EdgeProtocol.EDGE_ID).asText(null);
                connected = true;
                backoff.reset();
                LOG.log(INFO, "Connected to the control plane at {0} as {1}, holding version {2}", base, edgeId,
                        sink.version());
            }
            case EdgeProtocol.SNAPSHOT_EVENT -> {
                ConfigSnapshot snapshot = SnapshotJson.read(data);
                try {
                    sink.snapshot(snapshot, data);
                } catch (Exception e) {
                    LOG.log(WARNING, "Applying snapshot version " + snapshot.version() + " failed", e);
                    return;
                }
                ack(base, snapshot.version());
            }
            case EdgeProtocol.DELTA_EVENT -> {
                ConfigDelta delta = SnapshotJson.readDelta(data);
                try {
                    sink.delta(delta, data);
                } catch (DeltaGapException e) {
                    throw new Resync("Config delta " + delta.from() + "→" + delta.to() + " does not follow version "
                            + e.held() + " (changes in between were lost)");
                } catch (Exception e) {
                    LOG.log(WARNING, "Applying config delta " + delta.from() + "→" + delta.to() + " failed", e);
                    throw new IOException("delta not applied", e); // reconnect, with backoff
                }
                ack(base, delta.to());
            }
            default -> LOG.log(DEBUG, "Ignoring control plane event {0}", event);
        }
    }

    // Acknowledged off the stream thread, so a slow ack never delays the next change.
    private void ack(URI base, long version) {
        String id = edgeId;
        if (id == null) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(EdgeProtocol.resolve(base, EdgeProtocol.ACK_PATH))
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
            if (in != null && !applying && System.nanoTime() - lastActivity > idleNanos) {
                LOG.log(WARNING, "Control plane stream silent for {0}; reconnecting", settings.idleTimeout());
                closeQuietly(in);
            }
        }
    }

    /**
     * Stops streaming. A snapshot or delta being applied and persisted is finished first (an
     * interrupt would abort the file write and leave the edge nothing to restart from); only a
     * loop that does not end by itself is interrupted.
     */
    @Override
    public void close() {
        closed = true;
        InputStream in = stream;
        if (in != null) {
            closeQuietly(in);
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        http.shutdownNow();
        try {
            if (loop.isAlive() && !loop.join(Duration.ofSeconds(10))) {
                loop.interrupt();
            }
        } catch (InterruptedException e) {
            loop.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing to unblock a reader; nothing to do if that fails
        }
    }
}
