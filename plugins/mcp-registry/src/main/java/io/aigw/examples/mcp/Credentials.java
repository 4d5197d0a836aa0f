package io.aigw.examples.mcp;

import io.aigw.plugin.api.PluginStoreException;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The values of upstream auth headers, read from the plugin's store when a request needs one and
 * kept in memory for a few seconds, so a busy server costs one store read per interval, not one per
 * request. Edges read it the same way (their store is the control plane's, over HTTP); while the
 * store cannot be reached, a server needing a credential not cached cannot be called
 * ({@link UnavailableException}).
 */
final class Credentials {

    private static final long TTL_NANOS = 10_000_000_000L;

    /** Why a credential could not be had; the message is for the client and names no secret. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    private record Cached(String value, long until) {
    }

    private final ServerCatalog catalog;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    Credentials(ServerCatalog catalog) {
        this.catalog = catalog;
    }

    /** The auth header's value for {@code server}, empty when it needs none. */
    Optional<String> of(McpServer server) throws UnavailableException {
        if (!(server.auth() instanceof UpstreamAuth.StaticHeader)) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Cached cached = cache.get(server.id());
        if (cached != null && now - cached.until() < 0) {
            return Optional.of(cached.value());
        }
        Optional<String> secret;
        try {
            secret = catalog.secret(server.id());
        } catch (PluginStoreException e) {
            throw new UnavailableException("the credential for MCP server '" + server.name() + "' is kept in the "
                    + "control plane's plugin store, which this gateway cannot reach right now");
        }
        if (secret.isEmpty()) {
            throw new UnavailableException("no credential is stored for MCP server '" + server.name() + "'");
        }
        cache.put(server.id(), new Cached(secret.get(), now + TTL_NANOS));
        return secret;
    }
}
