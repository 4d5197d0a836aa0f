package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.ResponseStream;

import java.io.IOException;

/** JSON error answers, {@code {"error": "..."}}, like every error the gateway makes. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    static String body(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    static void error(ResponseStream stream, int status, String message) throws IOException {
        error(stream, status, message, Headers.empty());
    }

    static void error(ResponseStream stream, int status, String message, Headers extra) throws IOException {
        Headers.Builder headers = extra.toBuilder().set("Content-Type", "application/json");
        stream.sendHeaders(status, headers.build());
        stream.sendBody(body(message));
        stream.done();
    }

    static EndpointResponse unary(int status, String message) {
        return EndpointResponse.json(status, body(message));
    }
}
