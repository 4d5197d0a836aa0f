package io.aigw.studio.edges;

import io.aigw.gateway.auth.Tokens;

import java.security.MessageDigest;

/**
 * The shared secret edge gateways present (STUDIO_EDGE_SECRET). Only its hash is kept in memory;
 * with no secret configured, hybrid mode is off and every edge is refused.
 */
public final class EdgeSecret {

    private final byte[] hash;

    public EdgeSecret(String secret) {
        this.hash = secret == null || secret.isEmpty() ? null : Tokens.digest(secret);
    }

    public boolean enabled() {
        return hash != null;
    }

    public boolean verify(String presented) {
        if (hash == null || !Tokens.isPlausible(presented)) {
            return false;
        }
        return MessageDigest.isEqual(hash, Tokens.digest(presented));
    }
}
