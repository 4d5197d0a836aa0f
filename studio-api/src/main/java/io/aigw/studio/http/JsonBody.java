package io.aigw.studio.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.json.Json;
import io.aigw.studio.json.JsonInputException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as a JSON object, refusing oversized, mis-encoded or malformed input with a
 * clear 4xx. The body must be UTF-8 (RFC 8259), strictly: an overlong or otherwise invalid byte
 * sequence is refused rather than decoded into something else (C0 AE is not '.').
 */
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
        JsonNode node = anyValue(req);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * The body as any JSON value (object, array, string, number, true, false, null), within the
     * same limits, or null when there is no body at all.
     */
    public static JsonNode anyValue(ServerRequest req) {
        String text = utf8(read(req));
        if (text.isBlank()) {
            return null;
        }
        if (text.charAt(0) == '\uFEFF') {
            throw ApiException.badRequest("request body starts with a byte order mark; send UTF-8 JSON without one");
        }
        try {
            return Json.parseUntrusted(text);
        } catch (JsonInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** An empty object, for endpoints whose body is optional. */
    public static ObjectNode orEmpty(ObjectNode body) {
        return body == null ? JsonNodeFactory.instance.objectNode() : body;
    }

    /** Refuses a body announced as larger than {@link #MAX_BYTES}, whether or not the route reads it. */
    static void checkDeclaredLength(ServerRequest req) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(JsonBody::parseLength).orElse(-1L);
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
    }

    private static byte[] read(ServerRequest req) {
        checkDeclaredLength(req);
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
        } catch (IOException | UncheckedIOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never yields more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw ApiException.badRequest("invalid UTF-8 in request body at byte " + in.position());
        }
        return out.flip().toString();
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
