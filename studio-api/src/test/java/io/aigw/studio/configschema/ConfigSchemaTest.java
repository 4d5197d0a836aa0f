package io.aigw.studio.configschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.studio.http.ApiException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config-schema subset: what each keyword lets through and what it refuses, naming the field. */
class ConfigSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "slug": {"type": "string", "pattern": "^[a-z0-9-]{1,20}$", "title": "Slug", "default": "x"},
               "retries": {"type": "integer", "minimum": 0, "maximum": 10},
               "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
               "debug": {"type": "boolean"},
               "mode": {"enum": ["fast", "safe", 3]},
               "name": {"type": "string", "minLength": 2, "maxLength": 5},
               "fixed": {"const": "yes"}
             },
             "required": ["slug"],
             "additionalProperties": false}
            """;

    @Test
    void valuesThatFitPass() throws Exception {
        ConfigSchema schema = parse(SCHEMA);
        assertDoesNotThrow(() -> schema.validate(config("slug", "my-echo", "retries", "10", "ratio", "0.5",
                "debug", "false", "mode", "3", "name", "éé", "fixed", "yes")));
        assertDoesNotThrow(() -> schema.validate(config("slug", "a", "retries", "0", "ratio", "1e-3", "mode", "safe")));
    }

    @Test
    void eachKeywordRefusesNamingTheField() throws Exception {
        ConfigSchema schema = parse(SCHEMA);
        refused(schema, config("retries", "1"), "'config.slug' is required");
        refused(schema, config("slug", "Bad Slug"), "'config.slug' must match the pattern");
        refused(schema, config("slug", "s", "retries", "1.5"), "'config.retries' must be a whole number");
        refused(schema, config("slug", "s", "retries", "11"), "'config.retries' must be at most 10");
        refused(schema, config("slug", "s", "retries", "-1"), "'config.retries' must be at least 0");
        refused(schema, config("slug", "s", "ratio", "1"), "'config.ratio' must be less than 1");
        refused(schema, config("slug", "s", "ratio", "0"), "'config.ratio' must be greater than 0");
        refused(schema, config("slug", "s", "ratio", "half"), "'config.ratio' must be a number");
        refused(schema, config("slug", "s", "debug", "yes"), "'config.debug' must be 'true' or 'false'");
        refused(schema, config("slug", "s", "mode", "slow"), "'config.mode' must be one of 'fast', 'safe', '3'");
        refused(schema, config("slug", "s", "name", "x"), "'config.name' must be at least 2 characters");
        refused(schema, config("slug", "s", "name", "toolong"), "'config.name' must be at most 5 characters");
        refused(schema, config("slug", "s", "fixed", "no"), "'config.fixed' must be 'yes'");
        refused(schema, config("slug", "s", "colour", "red"), "'config.colour' is not a setting of this plugin");
    }

    @Test
    void additionalPropertiesMayBeAllowedOrDescribed() throws Exception {
        assertDoesNotThrow(() -> parse("{\"properties\": {\"a\": {\"type\": \"string\"}}}")
                .validate(config("a", "x", "anything", "goes")));
        ConfigSchema numbers = parse("{\"additionalProperties\": {\"type\": \"integer\"}}");
        assertDoesNotThrow(() -> numbers.validate(config("a", "1", "b", "2")));
        refused(numbers, config("a", "one"), "'config.a' must be a whole number");
        assertDoesNotThrow(() -> parse("{}").validate(config("x", "y")), "an empty schema allows everything");
    }

    @Test
    void schemasThatCannotDescribeAStringMapAreRefusedWithWhy() {
        for (String[] bad : new String[][] {
                {"[]", "not a JSON object"},
                {"{\"type\": \"array\"}", "'type' must be \"object\""},
                {"{\"properties\": {\"a\": {\"type\": \"object\"}}}", "property 'a': 'type' must be one of"},
                {"{\"properties\": {\"a\": {\"type\": [\"string\", \"null\"]}}}", "property 'a': 'type'"},
                {"{\"properties\": {\"a\": {\"pattern\": \"([\"}}}", "'pattern' is not a regular expression"},
                {"{\"properties\": {\"a\": {\"oneOf\": []}}}", "uses 'oneOf'"},
                {"{\"properties\": {\"a\": {\"enum\": []}}}", "'enum' must be a non-empty array"},
                {"{\"properties\": {\"a\": {\"maxLength\": -1}}}", "'maxLength' must be a whole number"},
                {"{\"required\": \"a\"}", "'required' is not an array"},
                {"{\"properties\": {\"a\": false}}", "allows no value at all"}}) {
            InvalidSchemaException e = assertThrows(InvalidSchemaException.class, () -> parse(bad[0]), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + " -> " + e.getMessage());
        }
    }

    private static ConfigSchema parse(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return ConfigSchema.parse(node);
    }

    private static Map<String, String> config(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void refused(ConfigSchema schema, Map<String, String> config, String message) {
        ApiException e = assertThrows(ApiException.class, () -> schema.validate(config), config.toString());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(message), config + " -> " + e.getMessage());
    }
}
