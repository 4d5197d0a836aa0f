package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code requestState} of a 2026-07-28 {@code InputRequiredResult} the aggregated endpoint
 * hands out: which call, parked in this gateway process ({@link ParkedCalls}), the client's answers
 * continue. The client echoes it back untouched, so it is sealed like a session id (AES-GCM with the
 * config's key, under a label of its own so a session id never opens as a state nor the other way
 * round) and binds what the spec asks a state to bind: the App (the principal), an expiry, and the
 * request it belongs to (its method and a digest of its parameters).
 *
 * @param key       the parked call's key in this process
 * @param expiresAt epoch seconds after which the state is refused
 */
record RequestState(String key, long appId, String method, String digest, long expiresAt) {

    private static final byte[] LABEL = "aigw-mcp-request-state-v1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    String seal(SessionSeal seal, ObjectMapper json) {
        ObjectNode o = json.createObjectNode().put("k", key).put("a", appId).put("m", method).put("d", digest)
                .put("e", expiresAt);
        try {
            return seal.seal(json.writeValueAsBytes(o), LABEL);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request state", e);
        }
    }

    /** The state {@code sealed} carries, when this key sealed it as a request state; empty otherwise. */
    static Optional<RequestState> open(String sealed, SessionSeal seal, ObjectMapper json) {
        Optional<byte[]> plain = seal.open(sealed, LABEL);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode o = json.readTree(plain.get());
            return Optional.of(new RequestState(o.path("k").asText(), o.path("a").asLong(-1), o.path("m").asText(),
                    o.path("d").asText(), o.path("e").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean expired() {
        return Instant.now().getEpochSecond() > expiresAt;
    }

    /**
     * What identifies a request across its retries: its parameters without what changes from one
     * round to the next ({@code inputResponses}, {@code requestState}, {@code _meta}), with keys in
     * a fixed order, hashed.
     */
    static String digest(JsonNode params) {
        ObjectNode p = params != null && params.isObject() ? ((ObjectNode) params).deepCopy()
                : new ObjectMapper().createObjectNode();
        p.remove("inputResponses");
        p.remove("requestState");
        p.remove("_meta");
        try {
            byte[] canonical = SORTED.writeValueAsBytes(SORTED.convertValue(p, Object.class));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a request", e);
        }
    }
}
