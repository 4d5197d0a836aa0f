package io.aigw.studio.edges;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aigw.gateway.edge.EdgeProtocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link between edges and a control plane that can lose a config delta in transit: an HTTP proxy
 * that passes everything through, the edge stream one server-sent event at a time, except the
 * next delta event after {@link #dropNextDelta()}.
 */
final class LossyLink implements AutoCloseable {

    private static final List<String> FORWARDED = List.of("Authorization", EdgeProtocol.NAME_HEADER, "Accept",
            "Content-Type");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<String> streamsOpened = new java.util.concurrent.CopyOnWriteArrayList<>();

    LossyLink(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void dropNextDelta() {
        toDrop.incrementAndGet();
    }

    int dropped() {
        return dropped.get();
    }

    /** The request URI (path and query) of every edge stream opened through this link, in order. */
    List<String> streamsOpened() {
        return List.copyOf(streamsOpened);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().toString();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery.substring(1)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            if (exchange.getRequestURI().getPath().equals(EdgeProtocol.STREAM_PATH)) {
                streamsOpened.add(pathAndQuery);
                stream(exchange, request.build());
            } else {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                        : response.body().length);
                exchange.getResponseBody().write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(HttpExchange exchange, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        exchange.getResponseHeaders().add("Content-Type", EdgeProtocol.EVENT_STREAM);
        exchange.sendResponseHeaders(response.statusCode(), 0);
        try (InputStream upstream = response.body();
             BufferedReader events = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8));
             OutputStream out = exchange.getResponseBody()) {
            List<String> event = new ArrayList<>();
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (!line.isEmpty()) {
                    event.add(line);
                    continue;
                }
                boolean delta = event.contains("event: " + EdgeProtocol.DELTA_EVENT);
                if (delta && toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                } else {
                    out.write((String.join("\n", event) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                event.clear();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        http.shutdownNow();
    }
}
