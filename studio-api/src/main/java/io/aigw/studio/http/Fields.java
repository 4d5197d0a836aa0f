package io.aigw.studio.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of request fields. Each returns null when the field is absent (so PATCH can tell
 * "unchanged" from "set"), and refuses a wrong type or size with a 400 that names the field.
 */
public final class Fields {

    private Fields() {
    }

    public static boolean present(ObjectNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    /**
     * A one-line string: a name, an address, an identifier. No control character at all (tab and
     * line breaks included): such values end up in log lines, headers and lists, where a stray
     * newline or escape sequence forges or garbles what an operator reads.
     */
    public static String string(ObjectNode body, String field, int maxLength) {
        String value = anyString(body, field, maxLength);
        if (value != null) {
            rejectControl(value, false, "'" + field + "'");
        }
        return value;
    }

    /** Free text (a description): like {@link #string}, but tab and line breaks are allowed. */
    public static String text(ObjectNode body, String field, int maxLength) {
        String value = anyString(body, field, maxLength);
        if (value != null) {
            rejectControl(value, true, "'" + field + "'");
        }
        return value;
    }

    private static String anyString(ObjectNode body, String field, int maxLength) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw ApiException.badRequest("'" + field + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    /**
     * Refuses C0/C1 control characters (NUL never gets this far: the JSON parser refuses it in any
     * string). {@code multiLine} lets tab, LF and CR through.
     */
    private static void rejectControl(String value, boolean multiLine, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) != Character.CONTROL || multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            throw ApiException.badRequest(what + " must not contain control characters"
                    + (multiLine ? " other than tab and line breaks" : "")
                    + " (found U+" + String.format("%04X", (int) c) + " at position " + i + ")");
        }
    }

    /** A string that, when given, must not be blank. */
    public static String nonBlank(ObjectNode body, String field, int maxLength) {
        if (body.has(field) && body.get(field).isNull()) {
            throw ApiException.badRequest("'" + field + "' must not be null");
        }
        String value = string(body, field, maxLength);
        if (value != null && value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' must not be blank");
        }
        return value == null ? null : value.strip();
    }

    public static Boolean bool(ObjectNode body, String field) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false");
        }
        return node.booleanValue();
    }

    public static Double nonNegativeNumber(ObjectNode body, String field) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < 0) {
            throw ApiException.badRequest("'" + field + "' must be a finite number >= 0");
        }
        return node.doubleValue() + 0.0; // -0.0 becomes 0.0: one zero
    }

    public static Integer nonNegativeInt(ObjectNode body, String field) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw ApiException.badRequest("'" + field + "' must be an integer >= 0");
        }
        return node.intValue();
    }

    /** A JSON object whose values are all strings, in the order given; keys one-line, values free text. */
    public static Map<String, String> stringMap(ObjectNode body, String field, int maxKeys, int maxKeyLength,
                                                int maxValueLength) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isObject()) {
            throw ApiException.badRequest("'" + field + "' must be an object of string values");
        }
        if (node.size() > maxKeys) {
            throw ApiException.badRequest("'" + field + "' must have at most " + maxKeys + " keys");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.isEmpty() || key.length() > maxKeyLength) {
                throw ApiException.badRequest("'" + field + "' keys must be 1 to " + maxKeyLength + " characters");
            }
            rejectControl(key, false, "'" + field + "' keys");
            if (!value.isTextual()) {
                throw ApiException.badRequest("'" + field + "." + key + "' must be a string");
            }
            if (value.asText().length() > maxValueLength) {
                throw ApiException.badRequest("'" + field + "." + key + "' must be at most " + maxValueLength
                        + " characters");
            }
            rejectControl(value.asText(), true, "'" + field + "." + key + "'");
            map.put(key, value.asText());
        }
        return Collections.unmodifiableMap(map);
    }

    /** A JSON array of non-blank one-line strings, duplicates dropped, order kept. */
    public static List<String> stringList(ObjectNode body, String field, int maxItems, int maxLength) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isArray()) {
            throw ApiException.badRequest("'" + field + "' must be an array of strings");
        }
        if (node.size() > maxItems) {
            throw ApiException.badRequest("'" + field + "' must have at most " + maxItems + " items");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxLength) {
                throw ApiException.badRequest("'" + field + "' items must be non-blank strings of at most "
                        + maxLength + " characters");
            }
            rejectControl(item.asText(), false, "'" + field + "' items");
            if (!list.contains(item.asText())) {
                list.add(item.asText());
            }
        }
        return List.copyOf(list);
    }

    /** An integer within [min, max]. */
    public static Integer intBetween(ObjectNode body, String field, int min, int max) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw ApiException.badRequest("'" + field + "' must be an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    /** A JSON array of positive integer ids, duplicates dropped, order kept. */
    public static List<Long> idList(ObjectNode body, String field, int maxItems) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isArray()) {
            throw ApiException.badRequest("'" + field + "' must be an array of ids");
        }
        if (node.size() > maxItems) {
            throw ApiException.badRequest("'" + field + "' must have at most " + maxItems + " items");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() <= 0) {
                throw ApiException.badRequest("'" + field + "' items must be positive integer ids");
            }
            if (!ids.contains(item.longValue())) {
                ids.add(item.longValue());
            }
        }
        return List.copyOf(ids);
    }

    /** A positive integer id. */
    public static Long id(ObjectNode body, String field) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw ApiException.badRequest("'" + field + "' must be a positive integer id");
        }
        return node.longValue();
    }

    /** Refuses fields the endpoint does not know, so a typo is not silently ignored. */
    public static void onlyKnown(ObjectNode body, java.util.Set<String> known) {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field '" + shortened(name) + "'");
            }
        }
    }

    /** {@code name} as quoted in an error message: long enough to recognise, short enough to read. */
    private static String shortened(String name) {
        if (name.length() <= 100) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(99)) ? 99 : 100; // never half a character
        return name.substring(0, end) + "...";
    }
}
