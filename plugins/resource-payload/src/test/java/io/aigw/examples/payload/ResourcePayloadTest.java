package io.aigw.examples.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourcePayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws ResourcePayloadRejectedException {
        return ResourcePayload.object(json.getBytes(StandardCharsets.UTF_8), JSON, "{\"name\": \"x\"}");
    }

    private static String refusal(ThrowingRead read) {
        return assertThrows(ResourcePayloadRejectedException.class, read::run).getMessage();
    }

    private interface ThrowingRead {
        void run() throws ResourcePayloadRejectedException;
    }

    @Test
    void onlyStrictUtf8JsonObjectsAreRead() {
        assertEquals("the payload is not UTF-8", refusal(() ->
                ResourcePayload.object(new byte[] {'{', (byte) 0xC0, (byte) 0xAE, '}'}, JSON, "{}")));
        assertTrue(refusal(() -> body("{\"name\": ")).startsWith("the payload is not JSON: "));
        assertEquals("the payload must be a JSON object, e.g. {\"name\": \"x\"}", refusal(() -> body("[1]")));
    }

    @Test
    void textFieldsAreStrippedBoundedAndFreeOfControlCharacters() throws Exception {
        ObjectNode b = body("{\"name\": \"  Docs \", \"description\": \"two\\nlines\", \"bad\": \"a\\u0000b\", "
                + "\"n\": 3, \"blank\": \"  \"}");
        assertEquals("Docs", ResourcePayload.text(b, "name", 10, true));
        assertEquals("two\nlines", ResourcePayload.text(b, "description", 10, false));
        assertNull(ResourcePayload.text(b, "missing", 10, false));
        assertEquals("'missing' is required", refusal(() -> ResourcePayload.text(b, "missing", 10, true)));
        assertEquals("'n' must be a string", refusal(() -> ResourcePayload.text(b, "n", 10, false)));
        assertEquals("'blank' must not be blank", refusal(() -> ResourcePayload.text(b, "blank", 10, true)));
        assertEquals("'description' must be at most 3 characters",
                refusal(() -> ResourcePayload.text(b, "description", 3, false)));
        assertEquals("'bad' must not contain control characters", refusal(() -> ResourcePayload.text(b, "bad", 10, false)));
        ObjectNode multiLineName = body("{\"name\": \"a\\nb\"}");
        assertEquals("'name' must not contain control characters",
                refusal(() -> ResourcePayload.text(multiLineName, "name", 10, true)));
    }

    @Test
    void integersAreWholeAndInRange() throws Exception {
        ObjectNode b = body("{\"score\": 40, \"big\": 101, \"frac\": 1.5, \"text\": \"40\"}");
        assertEquals(40, ResourcePayload.integer(b, "score", 0, 100));
        assertNull(ResourcePayload.integer(b, "missing", 0, 100));
        assertEquals("'big' must be a whole number from 0 to 100, not 101",
                refusal(() -> ResourcePayload.integer(b, "big", 0, 100)));
        assertTrue(refusal(() -> ResourcePayload.integer(b, "frac", 0, 100)).endsWith("not 1.5"));
        assertTrue(refusal(() -> ResourcePayload.integer(b, "text", 0, 100)).endsWith("not \"40\""));
    }

    @Test
    void unknownFieldsAreNamedInTheirOrder() throws Exception {
        assertEquals(List.of("'zeta'", "'alpha'"),
                ResourcePayload.unknownFields(body("{\"zeta\": 1, \"name\": 2, \"alpha\": 3}"), List.of("name")));
    }
}
