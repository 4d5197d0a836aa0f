package io.aigw.studio.configschema;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.plugin.api.ConfigProvider;
import io.aigw.plugin.api.UiLimits;
import io.aigw.studio.db.Database;
import io.aigw.studio.json.Json;
import io.aigw.studio.json.JsonInputException;
import io.aigw.studio.pluginui.PluginUiCalls;
import io.aigw.studio.plugins.ConfigValidator;
import io.aigw.studio.plugins.PluginRepository;
import io.aigw.studio.plugins.PluginRow;
import io.aigw.studio.resources.PluginManifests;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where a plugin's config schema comes from: its manifest's {@code config_schema} first (known
 * before the plugin runs, so also when a bad config keeps it from starting, and on create), else
 * {@link ConfigProvider#getConfigSchema()} of the plugin while it serves. A schema that cannot be
 * enforced is reported (on {@code GET /api/v1/plugins/{id}/config-schema}, and in the log) and not
 * enforced: a plugin author's mistake must not lock the admin out of the plugin's config.
 */
public final class ConfigSchemas implements ConfigValidator {

    public static final String MANIFEST_FIELD = "config_schema";
    private static final Logger LOG = Logger.getLogger(ConfigSchemas.class.getName());

    private final Database db;
    private final PluginManifests manifests;
    private final PluginUiCalls calls;
    private final PluginRepository plugins = new PluginRepository();

    public ConfigSchemas(Database db, PluginManifests manifests, PluginUiCalls calls) {
        this.db = db;
        this.manifests = manifests;
        this.calls = calls;
    }

    /**
     * @param json    the schema as declared, or null when there is none (or it is unusable)
     * @param source  {@code manifest} or {@code runtime}, null when there is none
     * @param problem why a declared schema is not enforced, or null
     */
    public record Found(JsonNode json, ConfigSchema schema, String source, String problem) {
        static final Found NONE = new Found(null, null, null, null);
    }

    /** The schema of the plugin started by {@code command}; {@code plugin} (null on create) allows the runtime call. */
    public Found find(PluginRow plugin, String command) {
        PluginManifests.Found manifest = manifests.find(plugin == null ? 0 : plugin.id(), command);
        if (manifest.json() != null) {
            JsonNode root = Json.tree(manifest.json());
            JsonNode declared = root == null ? null : root.get(MANIFEST_FIELD);
            if (declared != null && !declared.isNull()) {
                return parsed(declared, "manifest");
            }
        }
        if (plugin == null || !calls.has(plugin, ConfigProvider.class).orElse(false)) {
            return Found.NONE;
        }
        byte[] bytes = calls.call(plugin, ConfigProvider.class, "has no config schema", "give its config schema",
                ConfigProvider::getConfigSchema);
        if (bytes == null || bytes.length == 0) {
            return Found.NONE;
        }
        if (bytes.length > UiLimits.MAX_DOCUMENT_BYTES) {
            return new Found(null, null, "runtime", "the config schema is larger than " + UiLimits.MAX_DOCUMENT_BYTES
                    + " bytes; not enforced");
        }
        JsonNode declared;
        try {
            declared = Json.parseUntrusted(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonInputException e) {
            return new Found(null, null, "runtime", "the config schema is not JSON (" + e.getMessage()
                    + "); not enforced");
        }
        return declared == null ? Found.NONE : parsed(declared, "runtime");
    }

    public Optional<PluginRow> plugin(long id) {
        return db.read(h -> plugins.find(h, id));
    }

    @Override
    public void validate(long pluginId, String command, Map<String, String> config) {
        PluginRow plugin = pluginId == 0 ? null : plugin(pluginId).orElse(null);
        Found found = find(plugin, command);
        if (found.problem() != null) {
            LOG.warning(() -> "plugin " + pluginId + " (" + command + "): " + found.problem());
        }
        if (found.schema() != null) {
            found.schema().validate(config);
        }
    }

    private static Found parsed(JsonNode declared, String source) {
        try {
            return new Found(declared, ConfigSchema.parse(declared), source, null);
        } catch (InvalidSchemaException e) {
            return new Found(declared, null, source, e.getMessage() + "; the schema is not enforced");
        }
    }
}
