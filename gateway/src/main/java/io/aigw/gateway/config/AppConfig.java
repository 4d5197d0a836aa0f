package io.aigw.gateway.config;

import io.aigw.plugin.api.App;

import java.util.List;

/**
 * An App, the credentials that authenticate as it, and the governed resources it bundles (ids as
 * the control plane knows them; a gateway may use them for routing or authorization).
 */
public record AppConfig(App app, List<CredentialConfig> credentials, List<Long> llmIds, List<Long> datasourceIds,
                        List<Long> toolIds) {

    public AppConfig {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        llmIds = llmIds == null ? List.of() : List.copyOf(llmIds);
        datasourceIds = datasourceIds == null ? List.of() : List.copyOf(datasourceIds);
        toolIds = toolIds == null ? List.of() : List.copyOf(toolIds);
    }

    public AppConfig(App app, List<CredentialConfig> credentials) {
        this(app, credentials, List.of(), List.of(), List.of());
    }
}
