package io.aigw.gateway.config;

import io.aigw.plugin.api.App;

import java.util.List;

/** An App and the credentials that authenticate as it. */
public record AppConfig(App app, List<CredentialConfig> credentials) {
    public AppConfig {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }
}
