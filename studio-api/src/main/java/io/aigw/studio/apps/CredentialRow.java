package io.aigw.studio.apps;

import java.time.Instant;
import java.util.List;

/** A credential as stored: the token's hash and display prefix, never the token. */
public record CredentialRow(long id, long appId, String tokenPrefix, List<String> scopes, boolean isActive,
                            Instant expiresAt, Instant createdAt, Instant revokedAt) {

    public CredentialRow {
        scopes = List.copyOf(scopes);
    }
}
