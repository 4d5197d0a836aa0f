package io.aigw.studio.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in one place: the ObjectMapper for our own documents (snake_case names on the wire, records
 * in and out) and the strict parser for JSON that clients send ({@link #parseUntrusted}).
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** How deep objects and arrays may nest in JSON from outside; our own documents use a handful of levels. */
    public static final int MAX_DEPTH = 64;
    /** Characters in one number: a double needs about 25, a long 20; more is an attack or a mistake. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Characters in one field name; every name we know is far shorter. */
    public static final int MAX_NAME_LENGTH = 1000;

    // A separate mapper, so the limits apply to what clients send and never to what we stored ourselves.
    private static final ObjectMapper UNTRUSTED = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            // Which of two values for one key wins differs between parsers; refuse to guess.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private Json() {
    }

    /**
     * Parses one JSON value sent by a client: exactly one value (whitespace around it allowed),
     * within the limits above, no duplicate keys, and no string (value or key) holding a NUL
     * character, which PostgreSQL cannot store, or half of a UTF-16 surrogate pair, which is no
     * character at all. Null when {@code text} holds no value.
     */
    public static JsonNode parseUntrusted(String text) throws JsonInputException {
        JsonNode node;
        try (JsonParser parser = UNTRUSTED.createParser(text)) {
            try {
                node = UNTRUSTED.readTree(parser);
            } catch (StreamConstraintsException e) {
                throw new JsonInputException(constraintMessage(e) + at(parser.currentLocation()));
            } catch (JsonProcessingException e) {
                throw new JsonInputException(parseMessage(e.getOriginalMessage()) + at(e.getLocation()));
            }
            if (node == null || node.isMissingNode()) {
                return null;
            }
            JsonLocation end = parser.currentLocation();
            boolean trailing;
            try {
                trailing = parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                trailing = true; // not even a token, e.g. {"a":1} xyz
            }
            if (trailing) {
                throw new JsonInputException("trailing data after JSON value" + at(end));
            }
        } catch (IOException e) {
            // Reading a String cannot fail for I/O reasons; anything else was mapped above.
            throw new JsonInputException("malformed JSON: " + e.getMessage());
        }
        UntrustedStrings.check(node);
        return node;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses JSON this application wrote itself (e.g. a jsonb column); null stays null. */
    public static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    /** A stored string→string object (config, metadata); non-string values are rendered as text. */
    public static Map<String, String> stringMap(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = tree(json);
        if (node != null) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /** A stored array of strings (hook types, scopes). */
    public static List<String> stringList(String json) {
        List<String> list = new ArrayList<>();
        JsonNode node = tree(json);
        if (node != null) {
            node.forEach(n -> list.add(n.asText()));
        }
        return list;
    }

    private static String constraintMessage(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("nesting depth")) {
            return "JSON nesting deeper than " + MAX_DEPTH;
        }
        if (m.contains("Number value length")) {
            return "number too long (more than " + MAX_NUMBER_LENGTH + " characters)";
        }
        if (m.contains("Name length")) {
            return "field name too long (more than " + MAX_NAME_LENGTH + " characters)";
        }
        return "JSON exceeds a limit: " + m.replaceAll(", from `[^`]*`", "");
    }

    private static String parseMessage(String original) {
        if (original != null && original.startsWith("Duplicate field ")) {
            return "duplicate field " + original.substring("Duplicate field ".length());
        }
        return "malformed JSON: " + original;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
