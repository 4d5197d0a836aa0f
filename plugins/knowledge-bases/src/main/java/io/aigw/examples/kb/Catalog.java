package io.aigw.examples.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The plugin's instances, kept in its own plugin store (the host's key-value store, on the control
 * plane in PostgreSQL): one key per instance, {@code instances/<type slug>/<id>}, whose value is
 * the instance as JSON. They survive reloads and control-plane restarts; nothing is cached here,
 * so every answer is what the store holds now. Store failures propagate: the control plane then
 * answers 503 rather than guess.
 */
final class Catalog {

    private static final String PREFIX = "instances/";
    private static final int PAGE = 200;

    private final PluginStore store;
    private final ObjectMapper json;
    private final System.Logger log;

    Catalog(PluginStore store, ObjectMapper json, System.Logger log) {
        this.store = store;
        this.json = json;
        this.log = log;
    }

    /** Every instance of {@code kind}, in the order of their ids. */
    List<ResourceInstance> list(Kind kind) {
        List<ResourceInstance> instances = new ArrayList<>();
        String after = null;
        do {
            StorePage<StoreEntry> page = store.entries(prefix(kind), after, PAGE);
            for (StoreEntry e : page.items()) {
                read(e.key(), e.value()).ifPresent(instances::add);
            }
            after = page.next();
        } while (after != null);
        return instances;
    }

    Optional<ResourceInstance> get(Kind kind, String id) {
        if (!InstanceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        String key = prefix(kind) + id;
        return store.get(key).flatMap(value -> read(key, value));
    }

    /** Stores a new instance made from {@code draft} under a fresh id. */
    ResourceInstance create(Kind kind, Draft draft) {
        String id = InstanceIds.newId(draft.name());
        while (store.get(prefix(kind) + id).isPresent()) {
            id = InstanceIds.newId(draft.name()); // a one-in-a-billion collision: draw again
        }
        ObjectNode stored = json.createObjectNode()
                .put("id", id)
                .put("name", draft.name())
                .put("description", draft.description())
                .put("privacy_score", draft.privacyScore())
                .put("is_active", true)
                .put("created_at", Instant.now().toString());
        stored.set("metadata", draft.metadata());
        store.put(prefix(kind) + id, json(stored));
        return instance(stored);
    }

    private static String prefix(Kind kind) {
        return PREFIX + kind.slug() + "/";
    }

    private Optional<ResourceInstance> read(String key, byte[] value) {
        try {
            return Optional.of(instance(json.readTree(value)));
        } catch (IOException | RuntimeException e) {
            // one damaged value must not hide every other instance
            log.log(WARNING, "store key {0} holds no readable instance, skipped: {1}", key, e.getMessage());
            return Optional.empty();
        }
    }

    private ResourceInstance instance(JsonNode stored) {
        JsonNode metadata = stored.path("metadata");
        return new ResourceInstance(stored.path("id").asText(), stored.path("name").asText(),
                stored.path("description").asText(""), stored.path("privacy_score").asInt(),
                metadata.isObject() ? metadata.toString() : "", stored.path("is_active").asBoolean(true));
    }

    private byte[] json(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an instance as JSON", e);
        }
    }
}
