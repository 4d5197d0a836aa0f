package io.aigw.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Change-to-live latency across edge gateways (run by bench/edge-latency.sh, not a unit test).
 * Each change is a credential issued or revoked through the control plane's API; the clock starts
 * before the API call and stops when every edge answers the way the change demands (200 for a new
 * token, 401 for a revoked one).
 *
 * <pre>EdgeLatency &lt;api base&gt; &lt;admin key&gt; &lt;changes&gt; &lt;edge base&gt;...</pre>
 */
public final class EdgeLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private EdgeLatency() {
    }

    public static void main(String[] args) throws Exception {
        URI api = URI.create(args[0]);
        String adminKey = args[1];
        int changes = Integer.parseInt(args[2]);
        List<URI> edges = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            edges.add(URI.create(args[i]));
        }
        String app = match(ID, call(api, adminKey, "POST", "api/v1/apps", "{\"name\":\"latency-bench\"}"));
        List<Double> millis = new ArrayList<>();
        String token = null;
        String credential = null;
        for (int i = 0; i < changes; i++) {
            boolean issue = i % 2 == 0;
            long start = System.nanoTime();
            if (issue) {
                String body = call(api, adminKey, "POST", "api/v1/apps/" + app + "/credentials", "{}");
                token = match(TOKEN, body);
                credential = match(ID, body);
            } else {
                call(api, adminKey, "DELETE", "api/v1/apps/" + app + "/credentials/" + credential, null);
            }
            int expected = issue ? 200 : 401;
            for (URI edge : edges) {
                long deadline = start + Duration.ofSeconds(10).toNanos();
                while (status(edge, token) != expected) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("edge " + edge + " never showed change " + i);
                    }
                    Thread.sleep(1);
                }
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("changes=%d edges=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms%n", millis.size(),
                edges.size(), pct(millis, 50), pct(millis, 90), pct(millis, 99), millis.getLast());
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
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }
}
