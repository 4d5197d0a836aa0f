package io.aigw.examples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The received events, kept in the plugin's own store (on the control plane, in its PostgreSQL):
 * one key per event, {@code events/<id>}, whose value is the event as JSON. Ids sort newest first
 * ({@link EventIds}), so a listing is one forward walk from the newest, and retention keeps the
 * first {@code maxEvents} keys and deletes the rest. Nothing is cached here: every answer is what
 * the store holds now, and store failures propagate (the plugin answers 503).
 */
final class EventLog {

    static final String PREFIX = "events/";
    /**
     * A listing page ends before its events pass this many bytes of JSON (it always holds one), so
     * it stays well within what a gateway takes from an external plugin (the body limit + 1 MiB).
     */
    static final int PAGE_BYTES = 512 << 10;

    /** One page of a listing, newest first; {@code next} is the cursor of the page after, or null. */
    record Page(List<JsonNode> events, String next) {
    }

    private final PluginStore store;
    private final ObjectMapper json;
    private final Settings settings;
    private final System.Logger log;
    private final EventIds ids = new EventIds();

    EventLog(PluginStore store, ObjectMapper json, Settings settings, System.Logger log) {
        this.store = store;
        this.json = json;
        this.settings = settings;
        this.log = log;
    }

    /** Stores a received event, then drops the oldest beyond {@code maxEvents}; returns the stored event. */
    ObjectNode append(String type, Instant receivedAt, String contentType, byte[] body) {
        String id = ids.next(receivedAt);
        ObjectNode event = json.createObjectNode()
                .put("id", id)
                .put("type", type)
                .put("received_at", receivedAt.toString())
                .put("content_type", contentType);
        EventBody.put(event, body, settings.maxStoredBodyBytes());
        try {
            store.put(PREFIX + id, json.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an event as JSON", e);
        }
        prune();
        return event;
    }

    /**
     * Deletes every event after the newest {@code maxEvents}. Reads the kept keys to find where the
     * rest start (a page of up to 1000 short keys per 1000 kept): bounded work per event, and
     * right however many processes write, since each pass only deletes what is already past the
     * limit.
     */
    private void prune() {
        int seen = 0;
        String after = null;
        do {
            StorePage<String> page = store.keys(PREFIX, after, StoreLimits.MAX_PAGE_SIZE);
            for (String key : page.items()) {
                if (++seen > settings.maxEvents()) {
                    store.delete(key);
                }
            }
            after = page.next();
        } while (after != null);
    }

    /**
     * Up to {@code limit} events, newest first, starting after the event {@code cursor} (null: from
     * the newest); fewer when the page reaches {@link #PAGE_BYTES}.
     */
    Page list(String cursor, int limit) {
        List<JsonNode> events = new ArrayList<>();
        long bytes = 0;
        String after = cursor == null ? null : PREFIX + cursor;
        while (events.size() < limit) {
            StorePage<StoreEntry> page = store.entries(PREFIX, after, limit - events.size());
            for (StoreEntry entry : page.items()) {
                if (!events.isEmpty() && bytes + entry.value().length > PAGE_BYTES) {
                    return new Page(events, lastId(events));
                }
                JsonNode event = read(entry);
                if (event != null) {
                    events.add(event);
                    bytes += entry.value().length;
                }
                after = entry.key();
            }
            if (!page.hasMore()) {
                return new Page(events, null);
            }
        }
        return new Page(events, more(after) ? lastId(events) : null);
    }

    private boolean more(String after) {
        return !store.keys(PREFIX, after, 1).items().isEmpty();
    }

    private static String lastId(List<JsonNode> events) {
        return events.getLast().path("id").asText();
    }

    private JsonNode read(StoreEntry entry) {
        try {
            return json.readTree(entry.value());
        } catch (IOException e) {
            // one damaged value must not hide every other event
            log.log(WARNING, "store key {0} holds no readable event, skipped: {1}", entry.key(), e.getMessage());
            return null;
        }
    }
}
