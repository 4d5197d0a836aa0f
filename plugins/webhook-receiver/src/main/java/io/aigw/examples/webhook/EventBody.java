package io.aigw.examples.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * How much of a webhook's body an event keeps, and in which form: text ({@code body}) when the
 * whole body is UTF-8, else base64 ({@code body_base64}); at most {@code limit} bytes of it, cut
 * at a character boundary, with {@code body_truncated} saying whether it was cut. {@code size}
 * is always the whole body's.
 */
final class EventBody {

    private EventBody() {
    }

    static void put(ObjectNode event, byte[] body, int limit) {
        event.put("size", body.length);
        boolean truncated = body.length > limit;
        if (isUtf8(body)) {
            int end = truncated ? characterBoundary(body, limit) : body.length;
            event.put("body", new String(body, 0, end, StandardCharsets.UTF_8));
        } else {
            event.put("body_base64", Base64.getEncoder().encodeToString(Arrays.copyOf(body, Math.min(limit, body.length))));
        }
        event.put("body_truncated", truncated);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The largest end at or below {@code limit} that does not split a UTF-8 sequence of valid UTF-8 {@code body}. */
    private static int characterBoundary(byte[] body, int limit) {
        int end = limit;
        while (end > 0 && (body[end] & 0xC0) == 0x80) { // body[end] continues the character before it
            end--;
        }
        return end;
    }
}
