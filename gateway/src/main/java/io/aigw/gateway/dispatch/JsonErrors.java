package io.aigw.gateway.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** Every error the gateway itself produces is {@code {"error": "..."}}. */
public final class JsonErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrors() {
    }

    public static void send(ServerResponse res, int status, String message) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body(message));
    }

    /** {@code {"error": message}} as UTF-8 bytes. */
    public static byte[] body(String message) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", message));
        } catch (Exception e) {
            return "{\"error\":\"internal error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
