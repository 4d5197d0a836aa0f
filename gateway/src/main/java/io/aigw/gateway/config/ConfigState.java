package io.aigw.gateway.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration a gateway serves at one version, immutable, indexed for serving: Apps and
 * credentials by id, active credentials by token hash. A {@link ConfigDelta} makes the next
 * state by copying only the paths of the entries it touches ({@link PersistentMap}); the state
 * before stays valid for whoever still reads it, and the next one is switched to in one step.
 * Only a full snapshot ({@link #of}) or writing one out ({@link #toSnapshot}) costs O(all).
 *
 * <p>Memory: an App costs its {@link AppConfig} and one map entry; a credential its
 * {@link Credential}, its {@link TokenHash} and two map entries (by id, by token hash). The
 * README states the budget and {@code ConfigStateFootprintTest} holds it.
 */
public final class ConfigState {

    /** What a gateway holds before its first snapshot. */
    public static final ConfigState NONE = new ConfigState(-1, Map.of(), PersistentMap.empty(), PersistentMap.empty(),
            PersistentMap.empty());

    /**
     * A credential as the gateway keeps it.
     *
     * @param hash null when the stored hash is not a SHA-256 hex digest (it never authenticates)
     */
    public record Credential(long id, long appId, TokenHash hash, List<String> scopes, boolean isActive,
                             Instant expiresAt) {

        static Credential of(long appId, CredentialConfig c) {
            return new Credential(c.id(), appId, TokenHash.parse(c.tokenHash()), c.scopes(), c.isActive(),
                    c.expiresAt());
        }

        public CredentialConfig config() {
            return new CredentialConfig(id, hash == null ? null : hash.hex(), scopes, isActive, expiresAt);
        }
    }

    private final long version;
    private final Map<Long, PluginConfig> plugins; // unmodifiable, by id (there are few)
    private final PersistentMap<Long, AppConfig> apps; // without their credentials
    private final PersistentMap<Long, Credential> credentials;
    private final PersistentMap<TokenHash, Credential> tokens; // active credentials only

    private ConfigState(long version, Map<Long, PluginConfig> plugins, PersistentMap<Long, AppConfig> apps,
                        PersistentMap<Long, Credential> credentials, PersistentMap<TokenHash, Credential> tokens) {
        this.version = version;
        this.plugins = plugins;
        this.apps = apps;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** The state a full snapshot describes (O(size of the snapshot)). */
    public static ConfigState of(ConfigSnapshot snapshot) {
        Edit edit = new Edit(NONE);
        snapshot.plugins().forEach(edit::putPlugin);
        for (AppConfig app : snapshot.apps()) {
            edit.putApp(app);
            app.credentials().forEach(c -> edit.putCredential(app.app().id(), c));
        }
        return edit.done(snapshot.version());
    }

    /**
     * The state {@code delta} leads to: this one when it brings nothing newer (it ends at or
     * before this version).
     *
     * @throws DeltaGapException when it starts after this version (changes in between are missing)
     */
    public ConfigState apply(ConfigDelta delta) {
        if (delta.to() <= version) {
            return this;
        }
        if (delta.from() > version) {
            throw new DeltaGapException(version, delta.from());
        }
        Edit edit = new Edit(this);
        delta.removedPlugins().forEach(edit::removePlugin);
        delta.plugins().forEach(edit::putPlugin);
        delta.removedApps().forEach(edit::removeApp);
        delta.apps().forEach(edit::putApp);
        delta.removedCredentials().forEach(edit::removeCredential);
        delta.credentials().forEach(c -> edit.putCredential(c.appId(), c.credential()));
        return edit.done(delta.to());
    }

    /** The whole configuration as a snapshot (O(all): for persisting it or sending it whole). */
    public ConfigSnapshot toSnapshot() {
        Map<Long, List<CredentialConfig>> byApp = new HashMap<>();
        credentials.forEach((id, c) -> byApp.computeIfAbsent(c.appId(), k -> new ArrayList<>()).add(c.config()));
        List<AppConfig> list = new ArrayList<>(apps.size());
        apps.forEach((id, a) -> {
            List<CredentialConfig> own = byApp.getOrDefault(id, List.of());
            if (own.size() > 1) {
                own.sort(Comparator.comparingLong(CredentialConfig::id));
            }
            list.add(new AppConfig(a.app(), own, a.llmIds(), a.datasourceIds(), a.toolIds()));
        });
        list.sort(Comparator.comparingLong(a -> a.app().id()));
        return new ConfigSnapshot(version, new ArrayList<>(plugins.values()), list);
    }

    public long version() {
        return version;
    }

    /** Every plugin, by id. */
    public Collection<PluginConfig> plugins() {
        return plugins.values();
    }

    /** The App with {@code id} (its credentials are not in it), or null. */
    public AppConfig app(long id) {
        return apps.get(id);
    }

    public Credential credential(long id) {
        return credentials.get(id);
    }

    /** The active credential whose token has {@code hash}, or null. */
    public Credential activeCredential(TokenHash hash) {
        return tokens.get(hash);
    }

    public int appCount() {
        return apps.size();
    }

    public int credentialCount() {
        return credentials.size();
    }

    /** How many credentials are active (indexed by token). */
    public int activeCredentialCount() {
        return tokens.size();
    }

    @Override
    public String toString() {
        return "ConfigState[version=" + version + ", plugins=" + plugins.size() + ", apps=" + apps.size()
                + ", credentials=" + credentials.size() + "]";
    }

    /** One state's maps being turned into the next's; the plugin map is copied only if touched. */
    private static final class Edit {

        private final ConfigState base;
        private TreeMap<Long, PluginConfig> plugins;
        private PersistentMap<Long, AppConfig> apps;
        private PersistentMap<Long, Credential> credentials;
        private PersistentMap<TokenHash, Credential> tokens;

        Edit(ConfigState base) {
            this.base = base;
            this.apps = base.apps;
            this.credentials = base.credentials;
            this.tokens = base.tokens;
        }

        private TreeMap<Long, PluginConfig> plugins() {
            if (plugins == null) {
                plugins = new TreeMap<>(base.plugins);
            }
            return plugins;
        }

        void putPlugin(PluginConfig p) {
            plugins().put(p.id(), p);
        }

        void removePlugin(long id) {
            plugins().remove(id);
        }

        void putApp(AppConfig a) {
            AppConfig bare = a.credentials().isEmpty() ? a
                    : new AppConfig(a.app(), List.of(), a.llmIds(), a.datasourceIds(), a.toolIds());
            apps = apps.with(a.app().id(), bare);
        }

        void removeApp(long id) {
            apps = apps.without(id);
        }

        void putCredential(long appId, CredentialConfig c) {
            removeCredential(c.id());
            Credential stored = Credential.of(appId, c);
            credentials = credentials.with(stored.id(), stored);
            if (stored.isActive() && stored.hash() != null) {
                tokens = tokens.with(stored.hash(), stored);
            }
        }

        void removeCredential(long id) {
            Credential old = credentials.get(id);
            if (old == null) {
                return;
            }
            credentials = credentials.without(id);
            // token hashes are unique, but a stale entry must never take another credential's out
            if (old.hash() != null && tokens.get(old.hash()) == old) {
                tokens = tokens.without(old.hash());
            }
        }

        ConfigState done(long version) {
            Map<Long, PluginConfig> p = plugins == null ? base.plugins : Collections.unmodifiableMap(plugins);
            return new ConfigState(version, p, apps, credentials, tokens);
        }
    }
}
