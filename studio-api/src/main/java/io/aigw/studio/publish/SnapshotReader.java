package io.aigw.studio.publish;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.AppCredential;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.studio.apps.AppPluginResourceRepository;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.KindLinks;
import io.aigw.studio.db.ChangeLog;
import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what gateways serve: all of it as one {@link ConfigSnapshot}, or what changed since a
 * version as a {@link ConfigDelta} — the entities the change log names, each read again as it is
 * now (gone means removed). Both carry the config version their reads see; they must run in one
 * snapshot ({@code Database.snapshot}) so the version and the rows agree.
 *
 * <p>Every table read here has a trigger writing {@code config_changes} (migrations V3, V5): that
 * is what publishes a change to it. A table added here needs one too.
 *
 * <p>An App's plugin resources come with the stored copy of each instance's details: reading
 * never waits on a plugin (the copies are refreshed on App save and plugin start).
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

    private static final RowMapper<AppCredential> CREDENTIAL = (rs, ctx) -> new AppCredential(rs.getLong("app_id"),
            new CredentialConfig(rs.getLong("id"), rs.getString("token_hash"), Json.stringList(rs.getString("scopes")),
                    rs.getBoolean("is_active"), Columns.instant(rs, "expires_at")));

    private static final String PLUGINS = "select id, name, command, hook_type, hook_types::text as hook_types, "
            + "config::text as config, is_active from plugins";
    // owner_email follows the owning user, as in the API; a disabled owner's Apps serve nothing
    private static final String APPS = "select a.id, a.name, a.description, "
            + "coalesce(u.email, a.owner_email) as owner_email, a.is_active and coalesce(u.is_active, true) as is_active, "
            + "a.monthly_budget, "
            + "a.rate_limit, a.metadata::text as metadata from apps a left join users u on u.id = a.owner_id";
    // Revoked credentials are left out: they can never authenticate again, and every snapshot
    // would otherwise carry them forever (to a gateway, revoked is removed).
    private static final String CREDENTIALS = "select id, app_id, token_hash, scopes::text as scopes, is_active, "
            + "expires_at from credentials where revoked_at is null";

    private final AppPluginResourceRepository pluginResources = new AppPluginResourceRepository();

    /** Everything, at the version {@code h}'s snapshot sees. */
    public ConfigSnapshot read(Handle h) {
        long version = ChangeLog.versions(h).version();
        List<PluginConfig> plugins = h.createQuery(PLUGINS + " order by id").map(PLUGIN).list();
        Map<Long, List<CredentialConfig>> credentials = new HashMap<>();
        h.createQuery(CREDENTIALS + " order by id").map(CREDENTIAL).forEach(c ->
                credentials.computeIfAbsent(c.appId(), k -> new ArrayList<>()).add(c.credential()));
        List<AppConfig> apps = apps(h.createQuery(APPS + " order by a.id"), KindLinks.APP_RESOURCES.all(h),
                pluginResources.all(h), credentials);
        return new ConfigSnapshot(version, plugins, apps);
    }

    /**
     * What changed after version {@code from} up to the version {@code h}'s snapshot sees, or null
     * when that is {@code from} itself. The caller has checked that the log still holds every
     * change after {@code from} ({@link ChangeLog.Versions#prunedThrough()}).
     */
    public ConfigDelta delta(Handle h, long from, long to) {
        if (to == from) {
            return null;
        }
        Set<Long> pluginIds = new HashSet<>();
        Set<Long> appIds = new HashSet<>();
        Set<Long> credentialIds = new HashSet<>();
        for (ChangeLog.Changed c : ChangeLog.between(h, from, to)) {
            switch (c.entity()) {
                case "plugin" -> pluginIds.add(c.id());
                case "app" -> appIds.add(c.id());
                case "credential" -> credentialIds.add(c.id());
                default -> throw new IllegalStateException("unknown entity in the change log: " + c.entity());
            }
        }
        List<PluginConfig> plugins = pluginIds.isEmpty() ? List.of()
                : h.createQuery(PLUGINS + " where id = any (:ids) order by id")
                .bindArray("ids", Long.class, pluginIds).map(PLUGIN).list();
        List<AppConfig> apps = appIds.isEmpty() ? List.of()
                : apps(h.createQuery(APPS + " where a.id = any (:ids) order by a.id").bindArray("ids", Long.class, appIds),
                KindLinks.APP_RESOURCES.of(h, appIds), pluginResources.of(h, appIds), Map.of());
        List<AppCredential> credentials = credentialIds.isEmpty() ? List.of()
                : h.createQuery(CREDENTIALS + " and id = any (:ids) order by id")
                .bindArray("ids", Long.class, credentialIds).map(CREDENTIAL).list();
        return new ConfigDelta(from, to, plugins, removed(pluginIds, plugins, PluginConfig::id), apps,
                removed(appIds, apps, a -> a.app().id()), credentials,
                removed(credentialIds, credentials, c -> c.credential().id()));
    }

    private static <T> List<Long> removed(Set<Long> changed, Collection<T> present,
                                          java.util.function.ToLongFunction<T> id) {
        Set<Long> gone = new HashSet<>(changed);
        present.forEach(p -> gone.remove(id.applyAsLong(p)));
        return gone.stream().sorted().toList();
    }

    private static List<AppConfig> apps(Query query, Map<Long, Map<Kind, List<Long>>> links,
                                        Map<Long, List<PluginResourceAssociation>> plugin,
                                        Map<Long, List<CredentialConfig>> credentials) {
        List<AppConfig> configs = new ArrayList<>();
        query.map(APP).forEach(row -> {
            App app = new App(row.id(), row.name(), row.description(), row.ownerEmail(), row.isActive(),
                    row.monthlyBudget(), row.rateLimit(), row.metadata(), plugin.getOrDefault(row.id(), List.of()));
            Map<Kind, List<Long>> resources = links.getOrDefault(app.id(), KindLinks.empty());
            configs.add(new AppConfig(app, credentials.getOrDefault(app.id(), List.of()),
                    resources.get(Kind.LLM), resources.get(Kind.DATASOURCE), resources.get(Kind.TOOL)));
        });
        return configs;
    }
}
