package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;
import io.aigw.studio.json.Json;

import java.util.Set;

/**
 * What {@code POST /api/v1/submissions} asks for, checked field by field.
 *
 * @param resourcePayload the plugin-defined JSON object, as text
 */
record NewSubmission(long pluginResourceTypeId, String resourcePayload, Integer suggestedPrivacyScore, String notes) {

    /** The only kind of submission there is so far (the seed's built-in kinds are not submitted here). */
    static final String PLUGIN = "plugin";

    private static final Set<String> KNOWN = Set.of("resource_type", "plugin_resource_type_id", "resource_payload",
            "suggested_privacy_score", "notes");

    static NewSubmission parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        String kind = Fields.string(body, "resource_type", 50);
        if (kind == null) {
            throw ApiException.badRequest("'resource_type' is required (\"" + PLUGIN + "\")");
        }
        if (!PLUGIN.equals(kind)) {
            throw ApiException.badRequest("'resource_type' must be \"" + PLUGIN + "\"");
        }
        Long typeId = Fields.id(body, "plugin_resource_type_id");
        if (typeId == null) {
            throw ApiException.badRequest("'plugin_resource_type_id' is required");
        }
        JsonNode payload = body.get("resource_payload");
        if (payload == null || !payload.isObject()) {
            throw ApiException.badRequest("'resource_payload' is required and must be a JSON object");
        }
        ResourceTypeService.payloadBytes((ObjectNode) payload, "'resource_payload'");
        String notes = Fields.text(body, "notes", 4000);
        return new NewSubmission(typeId, Json.write(payload),
                Fields.intBetween(body, "suggested_privacy_score", 0, 100), notes == null ? "" : notes);
    }
}
