package io.aigw.gateway.config;

/** A credential with the App it authenticates as: how a delta carries it (outside its App). */
public record AppCredential(long appId, CredentialConfig credential) {
}
