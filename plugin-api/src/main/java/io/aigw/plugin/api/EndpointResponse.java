package io.aigw.plugin.api;

import java.nio.charset.StandardCharsets;

/** A complete (unary) response: status, multi-valued headers and body. */
public record EndpointResponse(int status, Headers headers, byte[] body) {

    public EndpointResponse {
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? new byte[0] : body;
    }

    public static EndpointResponse of(int status, Headers headers, byte[] body) {
        return new EndpointResponse(status, headers, body);
    }

    public static EndpointResponse json(int status, String json) {
        return new EndpointResponse(status, Headers.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    public static EndpointResponse text(int status, String text) {
        return new EndpointResponse(status, Headers.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
