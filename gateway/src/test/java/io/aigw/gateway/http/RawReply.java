package io.aigw.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A response as read off the socket; header names lower-cased. */
public record RawReply(int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses one Content-Length framed response (or one without a body) from raw text. */
    static RawReply parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP response: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        String rest = raw.substring(end + 4);
        List<String> length = headers.get("content-length");
        String body = length == null ? "" : rest.substring(0, Math.min(rest.length(), Integer.parseInt(length.getFirst())));
        return new RawReply(Integer.parseInt(lines[0].split(" ", 3)[1]), headers, body);
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.getFirst();
    }

    /** The JSON body; fails the test when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not a JSON body: " + body, e);
        }
    }

    /** A JSON {@code {"error": "..."}} answer with an {@code X-Request-ID}, as every error must be. */
    public RawReply assertJsonError(int expectedStatus) {
        if (status != expectedStatus) {
            throw new AssertionError("expected " + expectedStatus + ", got " + this);
        }
        return assertJsonError();
    }

    public RawReply assertJsonError() {
        if (status < 400) {
            throw new AssertionError("expected an error, got " + this);
        }
        String type = header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            throw new AssertionError("error without a JSON content type: " + this);
        }
        if (!json().path("error").isTextual() || json().path("error").asText().isBlank()) {
            throw new AssertionError("error body without an 'error' message: " + this);
        }
        String id = header("x-request-id");
        if (id == null || id.isBlank()) {
            throw new AssertionError("error without X-Request-ID: " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + body;
    }
}
