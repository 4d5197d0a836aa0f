package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An aggregated MCP session, carried entirely by its id (sealed by {@link SessionSeal}): which App
 * it belongs to, the protocol revision agreed with the client, when it began, and for each upstream
 * that joined it the upstream's own session id and revision. Nothing about a session is kept at the
 * gateway, so any gateway process with the same key continues it.
 *
 * @param legs the upstreams in the session, in the App's order
 */
record Session(long appId, String protocolVersion, long startedAt, List<Leg> legs) {

    /**
     * One upstream's part.
     *
     * @param sessionId the upstream's {@code Mcp-Session-Id}, or null when it keeps no sessions
     */
    record Leg(String serverId, String sessionId, String protocolVersion) {
    }

    Session {
        legs = List.copyOf(legs);
    }

    Optional<Leg> leg(String serverId) {
        return legs.stream().filter(l -> l.serverId().equals(serverId)).findFirst();
    }

    String seal(SessionSeal seal, ObjectMapper json) {
        ObjectNode o = json.createObjectNode().put("a", appId).put("v", protocolVersion).put("t", startedAt);
        ArrayNode ls = o.putArray("l");
        for (Leg l : legs) {
            ObjectNode lo = ls.addObject().put("i", l.serverId()).put("v", l.protocolVersion());
            if (l.sessionId() != null) {
                lo.put("s", l.sessionId());
            }
        }
        try {
            return seal.seal(json.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a session", e);
        }
    }

    /**
     * The session {@code id} carries, when it was sealed with this key, for App {@code appId}, and
     * is younger than {@code maxAge}; empty otherwise (forged, altered, another App's, expired).
     */
    static Optional<Session> open(String id, long appId, Duration maxAge, SessionSeal seal, ObjectMapper json) {
        Optional<byte[]> plain = seal.open(id);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode o = json.readTree(plain.get());
            if (o.path("a").asLong(-1) != appId) {
                return Optional.empty();
            }
            long startedAt = o.path("t").asLong();
            if (Instant.ofEpochSecond(startedAt).plus(maxAge).isBefore(Instant.now())) {
                return Optional.empty();
            }
            List<Leg> legs = new ArrayList<>();
            for (JsonNode l : o.path("l")) {
                legs.add(new Leg(l.path("i").asText(), l.hasNonNull("s") ? l.path("s").asText() : null,
                        l.path("v").asText()));
            }
            return Optional.of(new Session(appId, o.path("v").asText(), startedAt, legs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
