package io.aigw.studio.edges;

import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.http.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

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

    /** Refuses (401) a request that does not present the edge secret as its bearer token. */
    public void authenticate(ServerRequest req) {
        String presented = Bearer.token(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (presented == null || !verify(presented)) {
            throw new ApiException(401, enabled() ? "invalid edge secret"
                    : "edge connections are disabled: set STUDIO_EDGE_SECRET on the control plane");
        }
    }
}
