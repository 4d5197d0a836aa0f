package io.aigw.examples.mcp;

/**
 * How the gateway authenticates itself to an upstream MCP server. Only the header's name is part of
 * the server's description; the secret value stays in the plugin's store ({@link ServerCatalog}).
 */
sealed interface UpstreamAuth {

    /** The upstream takes requests without credentials (or trusts the network). */
    record None() implements UpstreamAuth {
    }

    /** A static header, e.g. {@code Authorization: Bearer ...} or {@code X-Api-Key: ...}. */
    record StaticHeader(String headerName) implements UpstreamAuth {
    }

    UpstreamAuth NONE = new None();

    /** For instance metadata and messages: {@code none} or {@code header}. */
    default String kind() {
        return this instanceof StaticHeader ? "header" : "none";
    }
}
