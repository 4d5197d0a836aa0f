package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Upstream calls of 2026-07-28 clients that wait for the client's input. An upstream of an earlier
 * revision asks its client (sampling, elicitation, roots) in the middle of a call and waits on the
 * open request for the answer; a 2026-07-28 client answers by sending the request again. So the
 * upstream call, its session and its open response stay here, in this process, until the client's
 * retry takes them ({@link #take}) or {@link #WAIT} passes, when {@code abandon} refuses the
 * questions to the upstream and ends its session. At most {@link #MAX} calls wait at once.
 */
final class ParkedCalls {

    /** How long a call waits for its client's answers (a person may be asked). */
    static final Duration WAIT = Duration.ofMinutes(5);
    static final int MAX = 1000;

    /**
     * A call waiting for its client.
     *
     * @param upstreamId the JSON-RPC id the call has at the upstream
     * @param asked      the upstream's questions not yet answered, by the key the client sees
     *                   (in the order asked), each the upstream's request as it sent it
     */
    record Parked(McpServer server, Session.Leg leg, Optional<String> auth, Exchange exchange, JsonNode upstreamId,
                  String method, long appId, String digest, Map<String, JsonNode> asked) {
        Parked {
            asked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(asked));
        }
    }

    private final Map<String, Parked> waiting = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Consumer<Parked> abandon;

    ParkedCalls(Consumer<Parked> abandon) {
        this.abandon = abandon;
    }

    /** Keeps {@code call} for {@link #WAIT}; its key, or empty when too many wait already. */
    Optional<String> park(Parked call) {
        if (waiting.size() >= MAX) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        waiting.put(key, call);
        Thread.ofVirtual().name("mcp-parked-" + call.server().id()).start(() -> {
            try {
                Thread.sleep(WAIT);
            } catch (InterruptedException e) {
                return;
            }
            if (waiting.remove(key, call)) {
                abandon.accept(call);
            }
        });
        return Optional.of(key);
    }

    /** The call parked under {@code key}, now the caller's alone; empty when none waits here under it. */
    Optional<Parked> take(String key) {
        return Optional.ofNullable(waiting.remove(key));
    }

    /** Abandons every waiting call (the plugin stops). */
    void abandonAll() {
        for (String key : Map.copyOf(waiting).keySet()) {
            Parked call = waiting.remove(key);
            if (call != null) {
                abandon.accept(call);
            }
        }
    }
}
