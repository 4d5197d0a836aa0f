package io.aigw.studio.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.json.Json;

import java.util.List;
import java.util.Map;

/** A plugin as the API shows it: the stored registration plus the gateway's live status and capabilities. */
public record PluginView(long id, String name, String description, String command, String hookType,
                         List<String> hookTypes, Map<String, String> config, boolean isActive,
                         JsonNode manifest, String source, PluginStatus status, List<String> capabilities,
                         String createdAt, String updatedAt) {

    /**
     * The manifest is the stored one (drop-in jars), else the one beside a {@code file://} binary;
     * {@code capabilities} are those of the generation serving now (empty while none does).
     */
    static PluginView of(PluginRow p, PluginStatus status, List<String> capabilities) {
        String manifest = p.manifestJson() != null ? p.manifestJson() : BinaryManifest.jsonFor(p.command());
        return new PluginView(p.id(), p.name(), p.description(), p.command(), p.hookType(), p.hookTypes(),
                p.config(), p.isActive(), Json.tree(manifest), p.source(), status, capabilities,
                p.createdAt().toString(), p.updatedAt().toString());
    }
}
