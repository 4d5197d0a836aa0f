package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourceInstance;

import java.net.URI;

/**
 * One registered MCP server, as the endpoints use it.
 *
 * @param url    the upstream's Streamable HTTP endpoint (http or https)
 * @param prefix what the aggregated endpoint puts before this server's tool, prompt and resource
 *               names ({@code github} → {@code github__create_issue})
 */
record McpServer(String id, String name, String description, URI url, String prefix, int privacyScore,
                 boolean active, UpstreamAuth auth) {

    /**
     * What reaches gateways in the instance copy: the url, the prefix and how upstream auth works
     * (the header's name, never its value).
     */
    ObjectNode metadata(ObjectMapper json) {
        ObjectNode metadata = json.createObjectNode()
                .put("url", url.toString())
                .put("prefix", prefix)
                .put("auth", auth.kind());
        if (auth instanceof UpstreamAuth.StaticHeader h) {
            metadata.put("auth_header", h.headerName());
        }
        return metadata;
    }

    ResourceInstance instance(ObjectMapper json) {
        return new ResourceInstance(id, name, description, privacyScore, metadata(json).toString(), active);
    }

    /**
     * The server as the control plane's copy describes it (what a gateway gets with the App), or
     * null when the copy is not one of this plugin's (no usable url).
     */
    static McpServer fromCopy(ResourceInstance copy, ObjectMapper json) {
        JsonNode metadata;
        try {
            metadata = copy.metadata().isEmpty() ? null : json.readTree(copy.metadata());
        } catch (Exception e) {
            return null;
        }
        if (metadata == null || !metadata.path("url").isTextual()) {
            return null;
        }
        URI url;
        try {
            url = ServerDraft.upstreamUrl(metadata.path("url").asText());
        } catch (Exception e) {
            return null;
        }
        String prefix = metadata.path("prefix").asText("");
        if (!ServerDraft.PREFIX.matcher(prefix).matches()) {
            prefix = ServerDraft.prefixOf(copy.name());
        }
        UpstreamAuth auth = "header".equals(metadata.path("auth").asText())
                ? new UpstreamAuth.StaticHeader(metadata.path("auth_header").asText())
                : UpstreamAuth.NONE;
        return new McpServer(copy.id(), copy.name(), copy.description(), url, prefix, copy.privacyScore(),
                copy.isActive(), auth);
    }
}
