package io.aigw.gateway.config;

import java.time.Instant;
import java.util.List;

/**
 * A credential as a gateway sees it: never the token, only its hash.
 *
 * @param tokenHash {@link io.aigw.gateway.auth.Tokens#hash(String)} of the token
 * @param expiresAt null when the credential never expires
 */
public record CredentialConfig(long id, String tokenHash, List<String> scopes, boolean isActive,
                               Instant expiresAt) {
    public CredentialConfig {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
