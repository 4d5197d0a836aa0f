package io.aigw.studio;

import io.aigw.gateway.Gateway;
import io.aigw.loader.LocalPluginHost;
import io.aigw.loader.host.PluginHost;
import io.aigw.studio.apps.AppService;
import io.aigw.studio.apps.InstanceCopyRefresher;
import io.aigw.studio.apps.CredentialService;
import io.aigw.studio.auth.AdminKeys;
import io.aigw.studio.auth.AuthFilter;
import io.aigw.studio.auth.SessionCookie;
import io.aigw.studio.auth.SessionService;
import io.aigw.studio.auth.Sessions;
import io.aigw.studio.auth.UserKeys;
import io.aigw.studio.catalog.CatalogueService;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.ResourceService;
import io.aigw.studio.configschema.ConfigSchemaService;
import io.aigw.studio.configschema.ConfigSchemas;
import io.aigw.studio.edges.EdgeHub;
import io.aigw.studio.edges.EdgePluginStoreService;
import io.aigw.studio.edges.EdgeSecret;
import io.aigw.studio.edges.EdgeService;
import io.aigw.studio.groups.GroupService;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoute;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.ApiServer;
import io.aigw.studio.plugins.DropInRegistrar;
import io.aigw.studio.plugins.GatewayPluginRuntime;
import io.aigw.studio.plugins.PluginService;
import io.aigw.studio.pluginui.PluginUiCalls;
import io.aigw.studio.pluginui.PluginUiService;
import io.aigw.studio.pluginstore.PostgresPluginStorage;
import io.aigw.studio.publish.Publisher;
import io.aigw.studio.resources.PluginManifests;
import io.aigw.studio.resources.ProviderCalls;
import io.aigw.studio.resources.ResourceTypeService;
import io.aigw.studio.resources.SubmissionService;
import io.aigw.studio.resources.TypeProblemsRuntime;
import io.aigw.studio.resources.TypeRegistrar;
import io.aigw.studio.users.UserService;
import io.aigw.studio.web.StaticUi;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole control plane in one process: database, admin API, the process's plugin host, and the
 * embedded gateway serving from that host (the control plane calls the same plugins' other
 * capabilities through it).
 */
public final class Studio implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Studio.class.getName());

    private final Database db;
    private final LocalPluginHost plugins;
    private final Gateway gateway;
    private final DropInRegistrar registrar;
    private final ApiServer server;
    private final EdgeHub edges;
    private final TypeRegistrar resourceTypes;
    private final InstanceCopyRefresher copies;
    private final Publisher publisher;

    private Studio(Database db, LocalPluginHost plugins, Gateway gateway, DropInRegistrar registrar, ApiServer server,
                   EdgeHub edges, TypeRegistrar resourceTypes, InstanceCopyRefresher copies, Publisher publisher) {
        this.db = db;
        this.plugins = plugins;
        this.gateway = gateway;
        this.registrar = registrar;
        this.server = server;
        this.edges = edges;
        this.resourceTypes = resourceTypes;
        this.copies = copies;
        this.publisher = publisher;
    }

    public static Studio start(StudioSettings settings) {
        LOG.info(() -> "starting: " + settings);
        Database db = Database.open(settings.databaseUrl(), settings.dataDir());
        LocalPluginHost plugins = null;
        Gateway gateway = null;
        DropInRegistrar registrar = null;
        TypeRegistrar resourceTypes = null;
        InstanceCopyRefresher copies = null;
        Publisher publisher = null;
        try {
            AdminKeys keys = new AdminKeys(db);
            keys.bootstrap(settings.adminKey());
            PostgresPluginStorage storage = new PostgresPluginStorage(db);
            plugins = openPlugins(settings, storage);
            ProviderCalls providers = new ProviderCalls(plugins.host(), settings.resourceProviderTimeout());
            // listening before the first publish loads the plugins, so their types are registered as they start
            resourceTypes = new TypeRegistrar(db, plugins.host(), plugins.directory(), providers);
            resourceTypes.start();
            copies = new InstanceCopyRefresher(db, plugins.host(), providers).start()
                    .every(settings.instanceRefreshInterval());
            gateway = Gateway.start(settings.gateway(), plugins.host());
            publisher = new Publisher(db, gateway);
            EdgeHub edges = new EdgeHub();
            publisher.addListener(edges);
            publisher.publish(); // the gateway serves what is stored before anyone can change it
            publisher.listen(); // and what other control planes on this database change
            EdgeSecret edgeSecret = new EdgeSecret(settings.edgeSecret());
            UserKeys userKeys = new UserKeys(db);
            Sessions sessions = new Sessions(db);
            SessionCookie cookie = new SessionCookie(settings.cookieSecure());
            UserService users = new UserService(db);
            PluginUiCalls uiCalls = new PluginUiCalls(plugins.host(), settings.pluginUiTimeout());
            ConfigSchemas configSchemas = new ConfigSchemas(db, new PluginManifests(db, plugins.directory()), uiCalls);
            List<ApiFeature> features = new ArrayList<>(List.of(
                    users,
                    new SessionService(keys, userKeys, sessions, cookie, users),
                    new GroupService(db, providers),
                    new PluginService(db, new TypeProblemsRuntime(new GatewayPluginRuntime(gateway, plugins.host()),
                            resourceTypes), configSchemas),
                    new PluginUiService(db, uiCalls, copies::afterChange),
                    new ConfigSchemaService(configSchemas),
                    new ResourceTypeService(db, providers, copies::afterChange),
                    new SubmissionService(db, providers, copies::afterChange),
                    new AppService(db, providers),
                    new CredentialService(db),
                    new EdgeService(edges, publisher, edgeSecret, StudioSettings.EDGE_HEARTBEAT),
                    new EdgePluginStoreService(storage, edgeSecret)));
            for (Kind kind : Kind.values()) {
                features.add(new ResourceService(db, kind));
                features.add(new CatalogueService(db, kind));
            }
            ApiServer server = ApiServer.start(settings.host(), settings.port(), settings.gateway().http(),
                    settings.gateway().shutdownGrace(),
                    new AuthFilter(keys, userKeys, sessions, cookie), features, new StaticUi());
            registrar = new DropInRegistrar(db);
            plugins.directory().addListener(registrar);
            Studio studio = new Studio(db, plugins, gateway, registrar, server, edges, resourceTypes, copies, publisher);
            LOG.info(() -> "admin API on port " + studio.port() + ", gateway on port " + studio.gatewayPort());
            return studio;
        } catch (RuntimeException e) {
            if (publisher != null) {
                publisher.close();
            }
            if (registrar != null) {
                registrar.close();
            }
            if (copies != null) {
                copies.close();
            }
            if (resourceTypes != null) {
                resourceTypes.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            db.close();
            throw e;
        }
    }

    /** Plugins here keep their stores in this database, whichever way they run. */
    private static LocalPluginHost openPlugins(StudioSettings settings, PostgresPluginStorage storage) {
        try {
            return LocalPluginHost.open(settings.gateway().pluginHost(), storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the plugins directory: " + e.getMessage(), e);
        }
    }

    /** The admin API's bound port. */
    public int port() {
        return server.port();
    }

    public int gatewayPort() {
        return gateway.port();
    }

    /** Every admin-API route with who may call it. */
    public List<ApiRoute> routes() {
        return server.routes();
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The plugins this process runs, with their capabilities (the gateway serves from the same host). */
    public PluginHost pluginHost() {
        return plugins.host();
    }

    public DataSource dataSource() {
        return db.dataSource();
    }

    /**
     * Stops taking admin requests first, then the gateway, then the plugins (once nothing serves
     * from them), then the database under everything.
     */
    @Override
    public void close() {
        step("config change listener", publisher::close);
        step("edge streams", edges::close);
        step("admin API", server::stop);
        step("plugin jar registration", registrar::close);
        step("instance copy refresh", copies::close);
        // before the plugins unload: shutting down deactivates no type
        step("resource type registration", resourceTypes::close);
        step("gateway", gateway::close);
        step("plugins", plugins::close);
        step("database", db::close);
        LOG.info("stopped");
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping " + what + " failed", e);
        }
    }
}
