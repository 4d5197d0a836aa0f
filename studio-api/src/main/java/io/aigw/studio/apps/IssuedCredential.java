package io.aigw.studio.apps;

import java.util.List;

/** The answer to issuing a credential: the only time the token itself is ever shown. */
public record IssuedCredential(long id, long appId, String token, String tokenPrefix, List<String> scopes,
                               String expiresAt, boolean isActive, String createdAt) {

    static IssuedCredential of(CredentialRow c, String token) {
        return new IssuedCredential(c.id(), c.appId(), token, c.tokenPrefix(), c.scopes(),
                CredentialView.text(c.expiresAt()), c.isActive(), CredentialView.text(c.createdAt()));
    }
}
