package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.json.Json;
import io.aigw.studio.json.JsonInputException;

/**
 * A plugin resource instance as the API shows it.
 *
 * @param metadata the plugin's opaque metadata as JSON; null when it sent none
 */
public record InstanceView(String id, String name, String description, int privacyScore, JsonNode metadata,
                           boolean isActive) {

    public static InstanceView of(ResourceInstance instance) {
        return new InstanceView(instance.id(), instance.name(), instance.description(), instance.privacyScore(),
                metadata(instance.metadata()), instance.isActive());
    }

    /**
     * A plugin's metadata string as JSON: null when empty, the parsed value when it is JSON, else
     * the text itself as a JSON string (the plugin broke the contract, but what it sent stays
     * visible rather than failing the whole answer).
     */
    public static JsonNode metadata(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return null;
        }
        try {
            return Json.parseUntrusted(metadata);
        } catch (JsonInputException e) {
            return TextNode.valueOf(metadata);
        }
    }
}
