package io.aigw.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire (and on-disk) form of a {@link ConfigSnapshot}, shared by the control plane that sends
 * it and the edges that receive and persist it. Written by hand rather than by reflection so the
 * format is fixed here and a renamed Java field cannot silently change it. Only credential hashes
 * are in it, never a token.
 */
public final class SnapshotJson {

    /** Bumped on an incompatible change; a reader refuses formats it does not know. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotJson() {
    }

    public static String write(ConfigSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", snapshot.version());
        ArrayNode plugins = root.putArray("plugins");
        for (PluginConfig p : snapshot.plugins()) {
            ObjectNode o = plugins.addObject();
            o.put("id", p.id());
            o.put("name", p.name());
            o.put("command", p.command());
            o.put("hook_type", p.hookType());
            strings(o.putArray("hook_types"), p.hookTypes());
            map(o.putObject("config"), p.config());
            o.put("is_active", p.isActive());
        }
        ArrayNode apps = root.putArray("apps");
        for (AppConfig a : snapshot.apps()) {
            ObjectNode o = apps.addObject();
            app(o.putObject("app"), a.app());
            ArrayNode credentials = o.putArray("credentials");
            for (CredentialConfig c : a.credentials()) {
                ObjectNode co = credentials.addObject();
                co.put("id", c.id());
                co.put("token_hash", c.tokenHash());
                strings(co.putArray("scopes"), c.scopes());
                co.put("is_active", c.isActive());
                co.put("expires_at", c.expiresAt() == null ? null : c.expiresAt().toString());
            }
            longs(o.putArray("llm_ids"), a.llmIds());
            longs(o.putArray("datasource_ids"), a.datasourceIds());
            longs(o.putArray("tool_ids"), a.toolIds());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write snapshot", e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a snapshot this code can read */
    public static ConfigSnapshot read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("snapshot must be a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("snapshot format " + format + " is not supported (expected " + FORMAT + ")");
        }
        if (!root.path("version").canConvertToLong()) {
            throw new IllegalArgumentException("snapshot has no version");
        }
        List<PluginConfig> plugins = new ArrayList<>();
        for (JsonNode p : root.path("plugins")) {
            plugins.add(new PluginConfig(p.path("id").asLong(), text(p, "name"), text(p, "command"),
                    text(p, "hook_type"), strings(p.path("hook_types")), map(p.path("config")),
                    p.path("is_active").asBoolean()));
        }
        List<AppConfig> apps = new ArrayList<>();
        for (JsonNode a : root.path("apps")) {
            List<CredentialConfig> credentials = new ArrayList<>();
            for (JsonNode c : a.path("credentials")) {
                String expires = text(c, "expires_at");
                credentials.add(new CredentialConfig(c.path("id").asLong(), text(c, "token_hash"),
                        strings(c.path("scopes")), c.path("is_active").asBoolean(),
                        expires == null ? null : Instant.parse(expires)));
            }
            apps.add(new AppConfig(app(a.path("app")), credentials, longs(a.path("llm_ids")),
                    longs(a.path("datasource_ids")), longs(a.path("tool_ids"))));
        }
        return new ConfigSnapshot(root.path("version").asLong(), plugins, apps);
    }

    private static void app(ObjectNode o, App app) {
        o.put("id", app.id());
        o.put("name", app.name());
        o.put("description", app.description());
        o.put("owner_email", app.ownerEmail());
        o.put("is_active", app.isActive());
        o.put("monthly_budget", app.monthlyBudget());
        o.put("rate_limit", app.rateLimit());
        map(o.putObject("metadata"), app.metadata());
        ArrayNode resources = o.putArray("plugin_resources");
        for (PluginResourceAssociation r : app.pluginResources()) {
            ObjectNode ro = resources.addObject();
            ro.put("plugin_id", r.pluginId());
            ro.put("resource_type_slug", r.resourceTypeSlug());
            strings(ro.putArray("instance_ids"), r.instanceIds());
            ArrayNode instances = ro.putArray("instances");
            for (ResourceInstance i : r.instances()) {
                ObjectNode io = instances.addObject();
                io.put("id", i.id());
                io.put("name", i.name());
                io.put("description", i.description());
                io.put("privacy_score", i.privacyScore());
                io.put("metadata", i.metadata());
                io.put("is_active", i.isActive());
            }
        }
    }

    private static App app(JsonNode o) {
        List<PluginResourceAssociation> resources = new ArrayList<>();
        for (JsonNode r : o.path("plugin_resources")) {
            List<ResourceInstance> instances = new ArrayList<>();
            for (JsonNode i : r.path("instances")) {
                instances.add(new ResourceInstance(text(i, "id"), text(i, "name"), text(i, "description"),
                        i.path("privacy_score").asInt(), text(i, "metadata"), i.path("is_active").asBoolean()));
            }
            resources.add(new PluginResourceAssociation(r.path("plugin_id").asLong(), text(r, "resource_type_slug"),
                    strings(r.path("instance_ids")), instances));
        }
        return new App(o.path("id").asLong(), text(o, "name"), text(o, "description"), text(o, "owner_email"),
                o.path("is_active").asBoolean(), o.path("monthly_budget").asDouble(), o.path("rate_limit").asInt(),
                map(o.path("metadata")), resources);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void longs(ArrayNode array, List<Long> values) {
        values.forEach(array::add);
    }

    private static void map(ObjectNode o, Map<String, String> values) {
        values.forEach(o::put);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asLong()));
        return list;
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> map = new LinkedHashMap<>();
        o.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
