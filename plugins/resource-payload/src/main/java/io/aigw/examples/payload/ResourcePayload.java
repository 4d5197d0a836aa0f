package io.aigw.examples.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON payload of a resource instance (create, edit, submission) field by field, refusing
 * what a provider must not store with a {@link ResourcePayloadRejectedException} whose message the
 * control plane shows the caller (a 400).
 */
public final class ResourcePayload {

    private ResourcePayload() {
    }

    /**
     * The payload as a JSON object: strict UTF-8 (no replacement characters stored), JSON, and an
     * object; {@code example} is shown when it is another JSON value.
     */
    public static ObjectNode object(byte[] payload, ObjectMapper json, String example)
            throws ResourcePayloadRejectedException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw refused("the payload is not UTF-8");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw refused("the payload must be a JSON object, e.g. " + example);
        }
        return (ObjectNode) node;
    }

    /** The fields of {@code body} not in {@code accepted}, each quoted, in the payload's order. */
    public static List<String> unknownFields(ObjectNode body, List<String> accepted) {
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!accepted.contains(f)) {
                unknown.add("'" + f + "'");
            }
        });
        return unknown;
    }

    /**
     * A string field, stripped, at most {@code max} code points, without control characters (a
     * {@code name} is one line; other fields may hold newlines and tabs); null when absent and not
     * required.
     */
    public static String text(ObjectNode body, String field, int max, boolean required)
            throws ResourcePayloadRejectedException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw refused("'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw refused("'" + field + "' must be a string");
        }
        String text = value.asText().strip();
        if (required && text.isEmpty()) {
            throw refused("'" + field + "' must not be blank");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw refused("'" + field + "' must be at most " + max + " characters");
        }
        boolean oneLine = field.equals("name");
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && (oneLine || (c != '\n' && c != '\t')))) {
            throw refused("'" + field + "' must not contain control characters");
        }
        return text;
    }

    /** A whole-number field from {@code min} to {@code max}; null when absent. */
    public static Integer integer(ObjectNode body, String field, int min, int max)
            throws ResourcePayloadRejectedException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw refused("'" + field + "' must be a whole number from " + min + " to " + max + ", not " + value);
        }
        return value.asInt();
    }

    public static ResourcePayloadRejectedException refused(String why) {
        return new ResourcePayloadRejectedException(why);
    }
}
