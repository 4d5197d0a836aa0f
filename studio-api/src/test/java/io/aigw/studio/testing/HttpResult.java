package io.aigw.studio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

/** A response, with its body parsed as JSON on demand. */
public record HttpResult(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpResult of(HttpResponse<String> response) {
        return new HttpResult(response.statusCode(), response.headers(), response.body());
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The {@code error} message of a JSON error answer. */
    public String error() {
        return json().path("error").asText(null);
    }

    public long id() {
        return json().path("id").asLong();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
