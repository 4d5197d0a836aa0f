package io.aigw.studio.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/** The one ObjectMapper: snake_case names on the wire, records in and out. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
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
}
