package io.aigw.gateway.http;

import io.aigw.gateway.dispatch.JsonErrors;
import io.helidon.http.Status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A JSON error answer written straight to the socket, for the moments Helidon has no request or
 * response object: a connection refused before its request is read, or a client that timed out.
 * It always closes the connection.
 */
final class RawResponse {

    private RawResponse() {
    }

    static byte[] error(int status, String message) {
        byte[] body = JsonErrors.body(message);
        String head = "HTTP/1.1 " + status + " " + Status.create(status).reasonPhrase() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Request-ID: " + UUID.randomUUID() + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
