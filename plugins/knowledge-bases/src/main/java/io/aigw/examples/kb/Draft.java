package io.aigw.examples.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;

import java.util.List;
import java.util.regex.Pattern;

import static io.aigw.examples.payload.ResourcePayload.integer;
import static io.aigw.examples.payload.ResourcePayload.object;
import static io.aigw.examples.payload.ResourcePayload.refused;
import static io.aigw.examples.payload.ResourcePayload.text;
import static io.aigw.examples.payload.ResourcePayload.unknownFields;

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
        ObjectNode body = object(payload, json, "{\"name\": \"Employee Handbook\", \"privacy_score\": 40}");
        List<String> accepted = kind == Kind.KNOWLEDGE_BASES ? KNOWLEDGE_BASE_FIELDS : GLOSSARY_FIELDS;
        List<String> unknown = unknownFields(body, accepted);
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

}
