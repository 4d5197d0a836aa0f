package io.aigw.examples.mcp;

import io.aigw.plugin.api.Headers;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the gateway, in each direction: only those MCP's Streamable HTTP transport
 * uses. Everything else stays behind, above all the client's {@code Authorization} (the gateway's
 * own token, or anything else the client meant for the gateway) and cookies, which must never reach
 * an upstream; and an upstream's {@code WWW-Authenticate}, which would send the client off to log
 * in to a server it never talks to.
 */
final class McpHeaders {

    static final String SESSION = "Mcp-Session-Id";
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    static final String METHOD = "Mcp-Method";
    static final String NAME = "Mcp-Name";

    /** Client → upstream, besides every {@code Mcp-Param-*} (2026-07-28 tool parameter headers). */
    private static final Set<String> TO_UPSTREAM = Set.of("accept", "content-type", "mcp-session-id",
            "mcp-protocol-version", "last-event-id", "mcp-method", "mcp-name");
    /** Upstream → client. */
    private static final Set<String> TO_CLIENT = Set.of("content-type", "cache-control", "mcp-session-id",
            "mcp-protocol-version", "retry-after", "allow");

    private McpHeaders() {
    }

    static boolean toUpstream(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return TO_UPSTREAM.contains(lower) || lower.startsWith("mcp-param-");
    }

    static boolean toClient(String name) {
        return TO_CLIENT.contains(name.toLowerCase(Locale.ROOT));
    }

    static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    static Headers json() {
        return Headers.of("Content-Type", "application/json");
    }
}
