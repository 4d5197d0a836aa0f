package io.aigw.studio.publish;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.studio.apps.AppPluginResourceRepository;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.KindLinks;
import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads everything a gateway serves into one {@link ConfigSnapshot} with a fresh version.
 *
 * <p>Every table read here has a trigger writing {@code config_changes} (migrations V3, V5): that
 * is what publishes a change to it. A table added here needs one too.
 *
 * <p>An App's plugin resources come with the stored copy of each instance's details: building a
 * snapshot never waits on a plugin (the copies are refreshed on App save and plugin start).
 */
public final class SnapshotReader {

    private static final RowMapper<PluginConfig> PLUGIN = (rs, ctx) -> new PluginConfig(rs.getLong("id"),
            rs.getString("name"), rs.getString("command"), rs.getString("hook_type"),
            Json.stringList(rs.getString("hook_types")), Json.stringMap(rs.getString("config")),
            rs.getBoolean("is_active"));

    private static final RowMapper<App> APP = (rs, ctx) -> new App(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"), rs.getString("owner_email"), rs.getBoolean("is_active"),
            rs.getDouble("monthly_budget"), rs.getInt("rate_limit"), Json.stringMap(rs.getString("metadata")),
            List.of());

    private static final RowMapper<Map.Entry<Long, CredentialConfig>> CREDENTIAL = (rs, ctx) -> Map.entry(
            rs.getLong("app_id"), new CredentialConfig(rs.getLong("id"), rs.getString("token_hash"),
                    Json.stringList(rs.getString("scopes")), rs.getBoolean("is_active"),
                    Columns.instant(rs, "expires_at")));

    private final AppPluginResourceRepository pluginResources = new AppPluginResourceRepository();

    /** Must run inside a transaction: the version bump locks the counter row until commit. */
    public ConfigSnapshot read(Handle h) {
        long version = h.createQuery("update config_version set version = version + 1 returning version")
                .mapTo(Long.class)
                .one();
        return new ConfigSnapshot(version, plugins(h), apps(h));
    }

    private static List<PluginConfig> plugins(Handle h) {
        return h.createQuery("select id, name, command, hook_type, hook_types::text as hook_types, "
                        + "config::text as config, is_active from plugins order by id")
                .map(PLUGIN)
                .list();
    }

    private List<AppConfig> apps(Handle h) {
        Map<Long, List<CredentialConfig>> credentials = credentialsByApp(h);
        Map<Long, Map<Kind, List<Long>>> links = KindLinks.APP_RESOURCES.all(h);
        Map<Long, List<PluginResourceAssociation>> plugin = pluginResources.all(h);
        // owner_email follows the owning user, as in the API
        List<App> apps = h.createQuery("select a.id, a.name, a.description, "
                        + "coalesce(u.email, a.owner_email) as owner_email, a.is_active, a.monthly_budget, "
                        + "a.rate_limit, a.metadata::text as metadata "
                        + "from apps a left join users u on u.id = a.owner_id order by a.id")
                .map(APP)
                .list();
        List<AppConfig> configs = new ArrayList<>(apps.size());
        for (App row : apps) {
            App app = new App(row.id(), row.name(), row.description(), row.ownerEmail(), row.isActive(),
                    row.monthlyBudget(), row.rateLimit(), row.metadata(), plugin.getOrDefault(row.id(), List.of()));
            Map<Kind, List<Long>> resources = links.getOrDefault(app.id(), KindLinks.empty());
            configs.add(new AppConfig(app, credentials.getOrDefault(app.id(), List.of()),
                    resources.get(Kind.LLM), resources.get(Kind.DATASOURCE), resources.get(Kind.TOOL)));
        }
        return configs;
    }

    // Revoked credentials are left out: they can never authenticate again, and every snapshot
    // would otherwise carry them forever.
    private static Map<Long, List<CredentialConfig>> credentialsByApp(Handle h) {
        Map<Long, List<CredentialConfig>> byApp = new HashMap<>();
        h.createQuery("select id, app_id, token_hash, scopes::text as scopes, is_active, expires_at "
                        + "from credentials where revoked_at is null order by id")
                .map(CREDENTIAL)
                .forEach(c -> byApp.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue()));
        return byApp;
    }
}
