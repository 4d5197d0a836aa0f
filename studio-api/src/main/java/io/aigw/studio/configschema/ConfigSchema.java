package io.aigw.studio.configschema;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's config schema: the JSON Schema subset that describes a map of string values, checked
 * with no library (the keywords are few, and config values being strings changes what {@code type}
 * means). The root is {@code {"type": "object", "properties": {...}, "required": [...],
 * "additionalProperties": true|false|{...}}}; each property is a {@link ValueSchema}.
 *
 * @param json the schema as declared, for the admin UI's form
 */
public record ConfigSchema(JsonNode json, Map<String, ValueSchema> properties, List<String> required,
                           ValueSchema additional) {

    /** Parses {@code json}; a schema the control plane cannot enforce is an {@link InvalidSchemaException}. */
    public static ConfigSchema parse(JsonNode json) throws InvalidSchemaException {
        if (json == null || !json.isObject()) {
            throw new InvalidSchemaException("the config schema is not a JSON object");
        }
        JsonNode type = json.get("type");
        if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
            throw new InvalidSchemaException("the config schema's 'type' must be \"object\" (the config is a map)");
        }
        Map<String, ValueSchema> properties = new LinkedHashMap<>();
        JsonNode props = json.get("properties");
        if (props != null) {
            if (!props.isObject()) {
                throw new InvalidSchemaException("the config schema's 'properties' is not an object");
            }
            for (var e : props.properties()) {
                properties.put(e.getKey(), ValueSchema.parse(e.getValue(), "property '" + e.getKey() + "'"));
            }
        }
        List<String> required = new ArrayList<>();
        JsonNode req = json.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new InvalidSchemaException("the config schema's 'required' is not an array");
            }
            for (JsonNode r : req) {
                if (!r.isTextual()) {
                    throw new InvalidSchemaException("the config schema's 'required' may hold only strings");
                }
                required.add(r.asText());
            }
        }
        ValueSchema additional = ValueSchema.ANY;
        JsonNode extra = json.get("additionalProperties");
        if (extra != null) {
            if (extra.isBoolean() && !extra.booleanValue()) {
                additional = null;
            } else {
                additional = ValueSchema.parse(extra, "'additionalProperties'");
            }
        }
        return new ConfigSchema(json, Map.copyOf(properties), List.copyOf(required), additional);
    }

    /** Refuses {@code config} with a 400 naming the first key that does not fit, if any. */
    public void validate(Map<String, String> config) {
        for (String key : required) {
            if (!config.containsKey(key)) {
                throw ApiException.badRequest("'config." + key + "' is required by the plugin's config schema");
            }
        }
        for (var e : config.entrySet()) {
            ValueSchema schema = properties.get(e.getKey());
            if (schema == null) {
                if (additional == null) {
                    throw ApiException.badRequest("'config." + e.getKey() + "' is not a setting of this plugin (its "
                            + "config schema allows " + (properties.isEmpty() ? "none" : String.join(", ",
                            properties.keySet().stream().sorted().toList())) + ")");
                }
                schema = additional;
            }
            schema.check(e.getKey(), e.getValue());
        }
    }
}
