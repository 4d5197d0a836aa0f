package io.aigw.studio.configschema;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.http.ApiException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What one config value (always a string) may be: the JSON Schema keywords {@code type}
 * ({@code string}, {@code integer}, {@code number}, {@code boolean}: the string's form),
 * {@code enum}, {@code const}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum}, {@code minLength}, {@code maxLength} and {@code pattern} (unanchored,
 * as in JSON Schema). Annotations ({@code title}, {@code description}, {@code default}, ...) are
 * for the form and ignored here, as are keywords JSON Schema does not know.
 */
record ValueSchema(String type, List<String> allowed, BigDecimal minimum, BigDecimal maximum,
                   BigDecimal exclusiveMinimum, BigDecimal exclusiveMaximum, Integer minLength, Integer maxLength,
                   Pattern pattern) {

    static final ValueSchema ANY = new ValueSchema(null, null, null, null, null, null, null, null, null);

    private static final List<String> TYPES = List.of("string", "integer", "number", "boolean");
    /** Keywords that would need structure a string does not have: a schema using them cannot be enforced. */
    private static final List<String> UNSUPPORTED = List.of("oneOf", "anyOf", "allOf", "not", "if", "then", "else",
            "$ref", "items", "properties");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,60}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]{1,60}(\\.[0-9]{0,60})?|\\.[0-9]{1,60})"
            + "([eE][-+]?[0-9]{1,4})?");

    /** @param where e.g. {@code property 'slug'}, for the message of a schema that cannot be used */
    static ValueSchema parse(JsonNode node, String where) throws InvalidSchemaException {
        if (node.isBoolean()) {
            if (!node.booleanValue()) {
                throw new InvalidSchemaException(where + " is 'false': it allows no value at all");
            }
            return ANY;
        }
        if (!node.isObject()) {
            throw new InvalidSchemaException(where + " is not a schema object");
        }
        for (String keyword : UNSUPPORTED) {
            if (node.has(keyword)) {
                throw new InvalidSchemaException(where + " uses '" + keyword + "', which config values (strings) "
                        + "cannot be checked against here");
            }
        }
        String type = null;
        if (node.has("type")) {
            JsonNode t = node.get("type");
            if (!t.isTextual() || !TYPES.contains(t.asText())) {
                throw new InvalidSchemaException(where + ": 'type' must be one of " + TYPES + " (config values are "
                        + "strings), not " + t);
            }
            type = t.asText();
        }
        List<String> allowed = null;
        if (node.has("enum")) {
            JsonNode e = node.get("enum");
            if (!e.isArray() || e.isEmpty()) {
                throw new InvalidSchemaException(where + ": 'enum' must be a non-empty array");
            }
            allowed = new ArrayList<>();
            for (JsonNode v : e) {
                allowed.add(scalar(v, where + ": 'enum'"));
            }
        }
        if (node.has("const")) {
            allowed = List.of(scalar(node.get("const"), where + ": 'const'"));
        }
        Pattern pattern = null;
        if (node.has("pattern")) {
            if (!node.get("pattern").isTextual()) {
                throw new InvalidSchemaException(where + ": 'pattern' must be a string");
            }
            try {
                pattern = Pattern.compile(node.get("pattern").asText());
            } catch (PatternSyntaxException e) {
                throw new InvalidSchemaException(where + ": 'pattern' is not a regular expression: "
                        + e.getDescription());
            }
        }
        return new ValueSchema(type, allowed == null ? null : List.copyOf(allowed),
                number(node, "minimum", where), number(node, "maximum", where),
                number(node, "exclusiveMinimum", where), number(node, "exclusiveMaximum", where),
                length(node, "minLength", where), length(node, "maxLength", where), pattern);
    }

    /** Refuses {@code value} of config key {@code key} with a 400 naming the field, if it does not fit. */
    void check(String key, String value) {
        String field = "'config." + key + "'";
        if (type != null) {
            switch (type) {
                case "integer" -> {
                    if (!INTEGER.matcher(value).matches()) {
                        throw refused(field + " must be a whole number, not '" + shown(value) + "'");
                    }
                }
                case "number" -> {
                    if (!NUMBER.matcher(value).matches()) {
                        throw refused(field + " must be a number, not '" + shown(value) + "'");
                    }
                }
                case "boolean" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw refused(field + " must be 'true' or 'false', not '" + shown(value) + "'");
                    }
                }
                default -> {
                    // string: any
                }
            }
        }
        if (allowed != null && !allowed.contains(value)) {
            throw refused(field + " must be " + (allowed.size() == 1 ? "'" + allowed.getFirst() + "'"
                    : "one of " + allowed.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")))
                    + ", not '" + shown(value) + "'");
        }
        if ("integer".equals(type) || "number".equals(type)) {
            BigDecimal n = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            if (minimum != null && n.compareTo(minimum) < 0) {
                throw refused(field + " must be at least " + minimum.toPlainString() + ", not " + value);
            }
            if (maximum != null && n.compareTo(maximum) > 0) {
                throw refused(field + " must be at most " + maximum.toPlainString() + ", not " + value);
            }
            if (exclusiveMinimum != null && n.compareTo(exclusiveMinimum) <= 0) {
                throw refused(field + " must be greater than " + exclusiveMinimum.toPlainString() + ", not " + value);
            }
            if (exclusiveMaximum != null && n.compareTo(exclusiveMaximum) >= 0) {
                throw refused(field + " must be less than " + exclusiveMaximum.toPlainString() + ", not " + value);
            }
        }
        int length = value.codePointCount(0, value.length());
        if (minLength != null && length < minLength) {
            throw refused(field + " must be at least " + minLength + " characters long");
        }
        if (maxLength != null && length > maxLength) {
            throw refused(field + " must be at most " + maxLength + " characters long");
        }
        if (pattern != null && !pattern.matcher(value).find()) {
            throw refused(field + " must match the pattern " + pattern.pattern() + ", not '" + shown(value) + "'");
        }
    }

    private static ApiException refused(String message) {
        return ApiException.badRequest(message);
    }

    /** A value as quoted in a message: one line, shortened. */
    private static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }

    private static String scalar(JsonNode v, String where) throws InvalidSchemaException {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString();
        }
        if (v.isBoolean()) {
            return String.valueOf(v.booleanValue()).toLowerCase(Locale.ROOT);
        }
        throw new InvalidSchemaException(where + " may hold only strings, numbers and booleans");
    }

    private static BigDecimal number(JsonNode node, String keyword, String where) throws InvalidSchemaException {
        if (!node.has(keyword)) {
            return null;
        }
        JsonNode v = node.get(keyword);
        if (!v.isNumber()) {
            throw new InvalidSchemaException(where + ": '" + keyword + "' must be a number");
        }
        return v.decimalValue();
    }

    private static Integer length(JsonNode node, String keyword, String where) throws InvalidSchemaException {
        if (!node.has(keyword)) {
            return null;
        }
        JsonNode v = node.get(keyword);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new InvalidSchemaException(where + ": '" + keyword + "' must be a whole number >= 0");
        }
        return v.intValue();
    }
}
