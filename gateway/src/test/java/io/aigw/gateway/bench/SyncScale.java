package io.aigw.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Config sync at scale (run by bench/sync-scale.sh, not a unit test): two control planes on one
 * database, an edge on each. Each round is two single writes through the admin API, alternating
 * between the control planes: an App created, then a credential for a random one of the Apps
 * already there. Measured: each write's latency (the API call), and change-to-live of the
 * credential — from before its API call until both edges accept the token. Then the bytes each
 * edge was sent per change (from the control planes' edge lists) and every JVM's heap after a
 * full GC. Prints one line of key=value pairs.
 *
 * <pre>SyncScale &lt;admin key&gt; &lt;rounds&gt; &lt;warm-up rounds&gt; &lt;apps loaded&gt; &lt;cp1&gt; &lt;cp2&gt;
 *     &lt;edge a&gt; &lt;edge b&gt; &lt;pid cp1&gt; &lt;pid cp2&gt; &lt;pid edge a&gt; &lt;pid edge b&gt;</pre>
 */
public final class SyncScale {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncScale() {
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        int rounds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int loaded = Integer.parseInt(args[3]);
        List<URI> planes = List.of(URI.create(args[4]), URI.create(args[5]));
        List<URI> edges = List.of(URI.create(args[6]), URI.create(args[7]));
        long[] pids = {Long.parseLong(args[8]), Long.parseLong(args[9]), Long.parseLong(args[10]),
                Long.parseLong(args[11])};

        List<Double> writes = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        Map<String, long[]> sentBefore = null;
        for (int i = 0; i < warmup + rounds; i++) {
            if (i == warmup) {
                sentBefore = sent(planes, key);
            }
            URI plane = planes.get(i % 2);
            long start = System.nanoTime();
            call(plane, key, "POST", "api/v1/apps", "{\"name\":\"sync-bench-" + i + "\"}");
            double appMillis = (System.nanoTime() - start) / 1e6;

            long app = 1 + ThreadLocalRandom.current().nextLong(loaded);
            long issued = System.nanoTime();
            JsonNode credential = JSON.readTree(call(plane, key, "POST", "api/v1/apps/" + app + "/credentials", "{}"));
            double credentialMillis = (System.nanoTime() - issued) / 1e6;
            String token = credential.path("token").asText();
            for (URI edge : edges) {
                long deadline = issued + Duration.ofSeconds(30).toNanos();
                while (status(edge, token) != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("edge " + edge + " never accepted the token of round " + i);
                    }
                    Thread.sleep(0, 200_000);
                }
            }
            double liveMillis = (System.nanoTime() - issued) / 1e6;
            if (i >= warmup) {
                writes.add(appMillis);
                writes.add(credentialMillis);
                live.add(liveMillis);
            }
        }
        Map<String, long[]> sentAfter = sent(planes, key);

        Map<String, String> out = new LinkedHashMap<>();
        Collections.sort(writes);
        Collections.sort(live);
        out.put("writes", String.valueOf(writes.size()));
        out.put("write_p50_ms", fmt(pct(writes, 50)));
        out.put("write_p99_ms", fmt(pct(writes, 99)));
        out.put("live_p50_ms", fmt(pct(live, 50)));
        out.put("live_p99_ms", fmt(pct(live, 99)));
        long deltaBytes = 0;
        long deltas = 0;
        long snapshotBytes = 0;
        for (String edge : sentAfter.keySet()) {
            long[] a = sentAfter.get(edge);
            long[] b = sentBefore.getOrDefault(edge, new long[4]);
            deltas += a[0] - b[0];
            deltaBytes += a[1] - b[1];
            snapshotBytes = Math.max(snapshotBytes, a[3]);
        }
        long changes = 2L * rounds * edges.size(); // each round: two committed changes, sent to each edge
        out.put("deltas_per_change", fmt((double) deltas / changes));
        out.put("bytes_per_change_per_edge", fmt((double) deltaBytes / changes));
        out.put("whole_snapshot_bytes", String.valueOf(snapshotBytes));
        String[] names = {"cp1", "cp2", "edge_a", "edge_b"};
        for (int i = 0; i < pids.length; i++) {
            out.put(names[i] + "_heap_mib", fmt(heapMiB(pids[i])));
        }
        StringBuilder line = new StringBuilder();
        out.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        System.out.println(line.toString().strip());
    }

    /** Per edge name: deltas sent, their bytes, snapshots sent, their bytes (summed over both control planes). */
    private static Map<String, long[]> sent(List<URI> planes, String key) throws Exception {
        Map<String, long[]> byEdge = new LinkedHashMap<>();
        for (URI plane : planes) {
            for (JsonNode e : JSON.readTree(call(plane, key, "GET", "api/v1/edges", null))) {
                long[] s = byEdge.computeIfAbsent(e.path("name").asText(), k -> new long[4]);
                s[0] += e.path("deltas_sent").asLong();
                s[1] += e.path("delta_bytes_sent").asLong();
                s[2] += e.path("snapshots_sent").asLong();
                s[3] += e.path("snapshot_bytes_sent").asLong();
            }
        }
        return byEdge;
    }

    /** Heap used after {@code jcmd <pid> GC.run} (a full collection), in MiB. */
    private static double heapMiB(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("heap\\s+total(?: reserved)? (\\d+)K, "
                + "committed (\\d+)K, used (\\d+)K|heap\\s+total (\\d+)K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            return -1;
        }
        return Long.parseLong(m.group(3) != null ? m.group(3) : m.group(5)) / 1024.0;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int status(URI edge, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve("plugins/echo/hello"))
                .header("Authorization", "Bearer " + token).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String call(URI api, String key, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }
}
