package io.aigw.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plain HTTP/1.1 client (java.net.http) for a {@link GatewayUnderTest}, with the usual assertions. */
public final class Client {

    /** Long enough for any loaded machine; a request that needs it has hung. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final GatewayUnderTest gateway;

    public Client(GatewayUnderTest gateway) {
        this.gateway = gateway;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.uri(path)).timeout(TIMEOUT);
    }

    /** A request carrying the test App's token. */
    public HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + gateway.token());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Sends and returns once the status and headers are in; the body is read by the caller. */
    public HttpResponse<InputStream> open(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A gateway-made error: the status, {@code {"error": "..."}} as JSON, and an X-Request-ID. Returns the message. */
    public static String assertJsonError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().map().toString());
        JsonNode error = json(r).path("error");
        assertTrue(error.isTextual(), "JSON error body: " + r.body());
        assertTrue(r.headers().firstValue("X-Request-ID").isPresent(), "X-Request-ID on every answer");
        return error.asText();
    }
}
