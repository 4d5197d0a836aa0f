package io.aigw.studio.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body as a JSON object, refusing oversized or malformed input with a clear 4xx. */
public final class JsonBody {

    public static final int MAX_BYTES = 1024 * 1024;

    private JsonBody() {
    }

    /** The body as a JSON object; an error if it is absent. */
    public static ObjectNode required(ServerRequest req) {
        ObjectNode body = optional(req);
        if (body == null) {
            throw ApiException.badRequest("request body is required (a JSON object)");
        }
        return body;
    }

    /** The body as a JSON object, or null when there is no body at all. */
    public static ObjectNode optional(ServerRequest req) {
        byte[] bytes = read(req);
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** An empty object, for endpoints whose body is optional. */
    public static ObjectNode orEmpty(ObjectNode body) {
        return body == null ? JsonNodeFactory.instance.objectNode() : body;
    }

    private static byte[] read(ServerRequest req) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(JsonBody::parseLength).orElse(-1L);
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        // Content-Length can be absent (chunked) or wrong, so count what actually arrives.
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "request body is larger than " + MAX_BYTES + " bytes");
    }
}
