package io.aigw.examples.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A new instance as a creation payload describes it (an admin's direct creation, or an approved
 * community submission with the approved {@code privacy_score} merged in), checked field by field.
 * Only the fields named here are read, and only they reach the instance's metadata, so what
 * gateways get is never more than a document count and a region (or a language and a term count):
 * nothing a submitter could smuggle a secret into.
 *
 * <p>A knowledge base: {@code name} (required), {@code description}, {@code privacy_score}
 * (required, 0–100), {@code documents} (a count, default 0), {@code region} (default: the config's
 * {@code default_region}). A glossary: {@code name}, {@code description}, {@code language}
 * (default {@code en}), {@code terms} (a count); it has no privacy score.
 */
record Draft(String name, String description, int privacyScore, ObjectNode metadata) {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_COUNT = 1_000_000_000;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    private static final List<String> KNOWLEDGE_BASE_FIELDS = List.of("name", "description", "privacy_score",
            "documents", "region");
    private static final List<String> GLOSSARY_FIELDS = List.of("name", "description", "language", "terms");

    static Draft parse(Kind kind, byte[] payload, Settings settings, ObjectMapper json)
            throws ResourcePayloadRejectedException {
        ObjectNode body = object(payload, json);
        List<String> accepted = kind == Kind.KNOWLEDGE_BASES ? KNOWLEDGE_BASE_FIELDS : GLOSSARY_FIELDS;
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!accepted.contains(f)) {
                unknown.add("'" + f + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw refused("unknown field" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + (kind == Kind.GLOSSARIES && body.has("privacy_score") ? " (glossaries carry no privacy score)" : "")
                    + "; a " + kind.noun() + " takes " + String.join(", ", accepted));
        }
        String name = text(body, "name", MAX_NAME, true);
        String description = text(body, "description", MAX_DESCRIPTION, false);
        ObjectNode metadata = json.createObjectNode();
        int score = 0;
        if (kind == Kind.KNOWLEDGE_BASES) {
            Integer given = integer(body, "privacy_score", 0, 100);
            if (given == null) {
                throw refused("'privacy_score' is required: a whole number from 0 (public) to 100 (most sensitive)");
            }
            score = given;
            Integer documents = integer(body, "documents", 0, MAX_COUNT);
            metadata.put("documents", documents == null ? 0 : documents);
            String region = label(body, "region", Settings.REGION, "'eu' or 'us-east'");
            metadata.put("region", region == null ? settings.defaultRegion() : region);
        } else {
            String language = label(body, "language", LANGUAGE, "'en' or 'pt-BR'");
            metadata.put("language", language == null ? "en" : language);
            Integer terms = integer(body, "terms", 0, MAX_COUNT);
            metadata.put("terms", terms == null ? 0 : terms);
        }
        return new Draft(name, description == null ? "" : description, score, metadata);
    }

    private static ObjectNode object(byte[] payload, ObjectMapper json) throws ResourcePayloadRejectedException {
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
            throw refused("the payload must be a JSON object, e.g. {\"name\": \"Employee Handbook\", "
                    + "\"privacy_score\": 40}");
        }
        return (ObjectNode) node;
    }

    private static String text(ObjectNode body, String field, int max, boolean required)
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

    private static Integer integer(ObjectNode body, String field, int min, int max)
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

    private static String label(ObjectNode body, String field, Pattern form, String example)
            throws ResourcePayloadRejectedException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !form.matcher(value.asText()).matches()) {
            throw refused("'" + field + "' must look like " + example);
        }
        return value.asText();
    }

    private static ResourcePayloadRejectedException refused(String why) {
        return new ResourcePayloadRejectedException(why);
    }
}
