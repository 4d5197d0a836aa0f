package io.aigw.gateway.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire (and on-disk) form of a {@link ConfigSnapshot} and of a {@link ConfigDelta}, shared by
 * the control plane that sends them and the edges that receive and persist them. Written by hand
 * rather than by reflection so the format is fixed here and a renamed Java field cannot silently
 * change it. Only credential hashes are in it, never a token. Always one line (an SSE data line).
 *
 * <p>Both are written and read a streaming token at a time: a snapshot of 100,000 Apps is tens of
 * megabytes, and is never held as a JSON tree (only one App's at a time).
 *
 * <p>A delta: {@code {"format":1,"from":F,"to":T,"plugins":[...],"removed_plugins":[ids],
 * "apps":[...],"removed_apps":[ids],"credentials":[{"id","app_id",...}],"removed_credentials":[ids]}}
 * with plugins and Apps as in a snapshot (Apps without their credentials), empty lists left out.
 */
public final class SnapshotJson {

    /** Bumped on an incompatible change; a reader refuses formats it does not know. */
    public static final int FORMAT = 1;
    /** The delta form's format, bumped likewise. */
    public static final int DELTA_FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private SnapshotJson() {
    }

    public static String write(ConfigSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code snapshot} to {@code out} (UTF-8, one line), leaving {@code out} open. */
    public static void write(ConfigSnapshot snapshot, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeNumberField("version", snapshot.version());
            g.writeArrayFieldStart("plugins");
            for (PluginConfig p : snapshot.plugins()) {
                plugin(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("apps");
            for (AppConfig a : snapshot.apps()) {
                g.writeStartObject();
                g.writeFieldName("app");
                app(g, a.app());
                g.writeArrayFieldStart("credentials");
                for (CredentialConfig c : a.credentials()) {
                    g.writeStartObject();
                    credentialFields(g, c);
                    g.writeEndObject();
                }
                g.writeEndArray();
                appLinks(g, a);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static String writeDelta(ConfigDelta delta) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", DELTA_FORMAT);
            g.writeNumberField("from", delta.from());
            g.writeNumberField("to", delta.to());
            if (!delta.plugins().isEmpty()) {
                g.writeArrayFieldStart("plugins");
                for (PluginConfig p : delta.plugins()) {
                    plugin(g, p);
                }
                g.writeEndArray();
            }
            ids(g, "removed_plugins", delta.removedPlugins());
            if (!delta.apps().isEmpty()) {
                g.writeArrayFieldStart("apps");
                for (AppConfig a : delta.apps()) {
                    g.writeStartObject();
                    g.writeFieldName("app");
                    app(g, a.app());
                    appLinks(g, a);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            ids(g, "removed_apps", delta.removedApps());
            if (!delta.credentials().isEmpty()) {
                g.writeArrayFieldStart("credentials");
                for (AppCredential c : delta.credentials()) {
                    g.writeStartObject();
                    g.writeNumberField("app_id", c.appId());
                    credentialFields(g, c.credential());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            ids(g, "removed_credentials", delta.removedCredentials());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write delta", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code json} is not a snapshot this code can read */
    public static ConfigSnapshot read(String json) {
        Long version = null;
        Integer format = null;
        List<PluginConfig> plugins = new ArrayList<>();
        List<AppConfig> apps = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("snapshot must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "format" -> {
                        format = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                        p.skipChildren();
                    }
                    case "version" -> {
                        version = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                        p.skipChildren();
                    }
                    case "plugins" -> eachElement(p, node -> plugins.add(plugin(node)));
                    case "apps" -> eachElement(p, node -> apps.add(appConfig(node, node.path("credentials"))));
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (format == null || format != FORMAT) {
            throw new IllegalArgumentException("snapshot format " + (format == null ? -1 : format)
                    + " is not supported (expected " + FORMAT + ")");
        }
        if (version == null) {
            throw new IllegalArgumentException("snapshot has no version");
        }
        return new ConfigSnapshot(version, plugins, apps);
    }

    /** @throws IllegalArgumentException when {@code json} is not a delta this code can read */
    public static ConfigDelta readDelta(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("delta is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("delta must be a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != DELTA_FORMAT) {
            throw new IllegalArgumentException("delta format " + format + " is not supported (expected "
                    + DELTA_FORMAT + ")");
        }
        if (!root.path("from").canConvertToLong() || !root.path("to").canConvertToLong()) {
            throw new IllegalArgumentException("delta has no from or to version");
        }
        List<PluginConfig> plugins = new ArrayList<>();
        root.path("plugins").forEach(p -> plugins.add(plugin(p)));
        List<AppConfig> apps = new ArrayList<>();
        root.path("apps").forEach(a -> apps.add(appConfig(a, null)));
        List<AppCredential> credentials = new ArrayList<>();
        root.path("credentials").forEach(c -> credentials.add(new AppCredential(c.path("app_id").asLong(),
                credential(c))));
        return new ConfigDelta(root.path("from").asLong(), root.path("to").asLong(), plugins,
                longs(root.path("removed_plugins")), apps, longs(root.path("removed_apps")), credentials,
                longs(root.path("removed_credentials")));
    }

    private interface NodeConsumer {
        void accept(JsonNode node);
    }

    // One element of a top-level array at a time: only that element is ever a tree.
    private static void eachElement(JsonParser p, NodeConsumer consumer) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode node = MAPPER.readTree(p);
            consumer.accept(node == null ? MAPPER.missingNode() : node);
        }
    }

    private static void plugin(JsonGenerator g, PluginConfig p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeStringField("name", p.name());
        g.writeStringField("command", p.command());
        g.writeStringField("hook_type", p.hookType());
        strings(g, "hook_types", p.hookTypes());
        map(g, "config", p.config());
        g.writeBooleanField("is_active", p.isActive());
        g.writeEndObject();
    }

    private static PluginConfig plugin(JsonNode p) {
        return new PluginConfig(p.path("id").asLong(), text(p, "name"), text(p, "command"), text(p, "hook_type"),
                strings(p.path("hook_types")), map(p.path("config")), p.path("is_active").asBoolean());
    }

    private static void credentialFields(JsonGenerator g, CredentialConfig c) throws IOException {
        g.writeNumberField("id", c.id());
        g.writeStringField("token_hash", c.tokenHash());
        strings(g, "scopes", c.scopes());
        g.writeBooleanField("is_active", c.isActive());
        g.writeStringField("expires_at", c.expiresAt() == null ? null : c.expiresAt().toString());
    }

    private static CredentialConfig credential(JsonNode c) {
        String expires = text(c, "expires_at");
        return new CredentialConfig(c.path("id").asLong(), text(c, "token_hash"), strings(c.path("scopes")),
                c.path("is_active").asBoolean(), expires == null ? null : Instant.parse(expires));
    }

    private static void appLinks(JsonGenerator g, AppConfig a) throws IOException {
        longs(g, "llm_ids", a.llmIds());
        longs(g, "datasource_ids", a.datasourceIds());
        longs(g, "tool_ids", a.toolIds());
    }

    private static AppConfig appConfig(JsonNode a, JsonNode credentialsNode) {
        List<CredentialConfig> credentials = new ArrayList<>();
        if (credentialsNode != null) {
            credentialsNode.forEach(c -> credentials.add(credential(c)));
        }
        return new AppConfig(app(a.path("app")), credentials, longs(a.path("llm_ids")),
                longs(a.path("datasource_ids")), longs(a.path("tool_ids")));
    }

    private static void app(JsonGenerator g, App app) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", app.id());
        g.writeStringField("name", app.name());
        g.writeStringField("description", app.description());
        g.writeStringField("owner_email", app.ownerEmail());
        g.writeBooleanField("is_active", app.isActive());
        g.writeNumberField("monthly_budget", app.monthlyBudget());
        g.writeNumberField("rate_limit", app.rateLimit());
        map(g, "metadata", app.metadata());
        g.writeArrayFieldStart("plugin_resources");
        for (PluginResourceAssociation r : app.pluginResources()) {
            g.writeStartObject();
            g.writeNumberField("plugin_id", r.pluginId());
            g.writeStringField("resource_type_slug", r.resourceTypeSlug());
            strings(g, "instance_ids", r.instanceIds());
            g.writeArrayFieldStart("instances");
            for (ResourceInstance i : r.instances()) {
                g.writeStartObject();
                g.writeStringField("id", i.id());
                g.writeStringField("name", i.name());
                g.writeStringField("description", i.description());
                g.writeNumberField("privacy_score", i.privacyScore());
                g.writeStringField("metadata", i.metadata());
                g.writeBooleanField("is_active", i.isActive());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
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

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void longs(JsonGenerator g, String field, List<Long> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (Long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void ids(JsonGenerator g, String field, List<Long> values) throws IOException {
        if (!values.isEmpty()) {
            longs(g, field, values);
        }
    }

    private static void map(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static List<String> strings(JsonNode array) {
        if (array.isEmpty()) {
            return List.of();
        }
        List<String> list = new ArrayList<>(array.size());
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<Long> longs(JsonNode array) {
        if (array.isEmpty()) {
            return List.of();
        }
        List<Long> list = new ArrayList<>(array.size());
        array.forEach(n -> list.add(n.asLong()));
        return list;
    }

    private static Map<String, String> map(JsonNode o) {
        if (o.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        o.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
