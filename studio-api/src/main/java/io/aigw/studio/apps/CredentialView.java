package io.aigw.studio.apps;

import java.util.List;

/** A credential as listed: enough to recognise it, nothing to authenticate with. */
public record CredentialView(long id, long appId, String tokenPrefix, List<String> scopes, boolean isActive,
                             String expiresAt, String createdAt, String revokedAt) {

    static CredentialView of(CredentialRow c) {
        return new CredentialView(c.id(), c.appId(), c.tokenPrefix(), c.scopes(), c.isActive(), text(c.expiresAt()),
                text(c.createdAt()), text(c.revokedAt()));
    }

    static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
