package io.aigw.studio.publish;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.plugin.api.App;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.db.Links;
import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads everything a gateway serves into one {@link ConfigSnapshot} with a fresh version. */
public final class SnapshotReader {

    /** Must run inside a transaction: the version bump locks the counter row until commit. */
    public ConfigSnapshot read(Connection c) throws SQLException {
        long version = bumpVersion(c);
        return new ConfigSnapshot(version, plugins(c), apps(c));
    }

    private static long bumpVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update config_version set version = version + 1 returning version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<PluginConfig> plugins(Connection c) throws SQLException {
        List<PluginConfig> plugins = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, name, command, hook_type, hook_types::text, "
                + "config::text, is_active from plugins order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plugins.add(new PluginConfig(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Json.stringList(rs.getString(5)), Json.stringMap(rs.getString(6)), rs.getBoolean(7)));
            }
        }
        return plugins;
    }

    private static List<AppConfig> apps(Connection c) throws SQLException {
        Map<Long, List<CredentialConfig>> credentials = credentialsByApp(c);
        List<AppConfig> apps = new ArrayList<>();
        Map<Kind, Map<Long, List<Long>>> links = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            links.put(kind, Links.all(c, kind.appLinksTable(), "app_id", "resource_id"));
        }
        // owner_email follows the owning user, as in the API
        try (PreparedStatement ps = c.prepareStatement("select a.id, a.name, a.description, "
                + "coalesce(u.email, a.owner_email), a.is_active, a.monthly_budget, a.rate_limit, a.metadata::text "
                + "from apps a left join users u on u.id = a.owner_id order by a.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                App app = new App(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getDouble(6), rs.getInt(7), Json.stringMap(rs.getString(8)), List.of());
                apps.add(new AppConfig(app, credentials.getOrDefault(id, List.of()),
                        links.get(Kind.LLM).getOrDefault(id, List.of()),
                        links.get(Kind.DATASOURCE).getOrDefault(id, List.of()),
                        links.get(Kind.TOOL).getOrDefault(id, List.of())));
            }
        }
        return apps;
    }

    // Revoked credentials are left out: they can never authenticate again, and every snapshot
    // would otherwise carry them forever.
    private static Map<Long, List<CredentialConfig>> credentialsByApp(Connection c) throws SQLException {
        Map<Long, List<CredentialConfig>> byApp = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, app_id, token_hash, scopes::text, is_active, "
                + "expires_at from credentials where revoked_at is null order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp expires = rs.getTimestamp(6);
                byApp.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new CredentialConfig(
                        rs.getLong(1), rs.getString(3), Json.stringList(rs.getString(4)), rs.getBoolean(5),
                        expires == null ? null : expires.toInstant()));
            }
        }
        return byApp;
    }
}
