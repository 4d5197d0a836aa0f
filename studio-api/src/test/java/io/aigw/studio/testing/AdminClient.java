package io.aigw.studio.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the admin API ({@code /api/v1/...}) as an operator would. Bodies given as objects are sent
 * as JSON (use maps with snake_case keys); bodies given as strings are sent verbatim.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final String key;

    public AdminClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** The same client presenting another key, or none when {@code key} is null. */
    public AdminClient withKey(String key) {
        return new AdminClient(base, key);
    }

    public HttpResult get(String path) {
        return send("GET", path, null);
    }

    public HttpResult post(String path, Object body) {
        return send("POST", path, body);
    }

    public HttpResult patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public HttpResult delete(String path) {
        return send("DELETE", path, null);
    }

    public HttpResult send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : toJson(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, publisher));
    }

    /** A request to {@code path} with the admin key set, for tests that need custom headers or bodies. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    public static HttpResult send(HttpRequest.Builder request) {
        try {
            return HttpResult.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
