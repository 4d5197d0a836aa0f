package io.aigw.studio;

import io.aigw.gateway.Gateway;
import io.aigw.studio.apps.AppService;
import io.aigw.studio.apps.CredentialService;
import io.aigw.studio.auth.AdminAuthFilter;
import io.aigw.studio.auth.AdminKeys;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.ApiServer;
import io.aigw.studio.plugins.DropInRegistrar;
import io.aigw.studio.plugins.GatewayPluginRuntime;
import io.aigw.studio.plugins.PluginService;
import io.aigw.studio.publish.Publisher;
import io.helidon.webserver.WebServer;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The whole control plane in one process: database, admin API, and the embedded gateway. */
public final class Studio implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Studio.class.getName());

    private final Database db;
    private final Gateway gateway;
    private final DropInRegistrar registrar;
    private final WebServer server;

    private Studio(Database db, Gateway gateway, DropInRegistrar registrar, WebServer server) {
        this.db = db;
        this.gateway = gateway;
        this.registrar = registrar;
        this.server = server;
    }

    public static Studio start(StudioSettings settings) {
        LOG.info(() -> "starting: " + settings);
        Database db = Database.open(settings.databaseUrl(), settings.dataDir());
        Gateway gateway = null;
        DropInRegistrar registrar = null;
        try {
            AdminKeys keys = new AdminKeys(db);
            keys.bootstrap(settings.adminKey());
            gateway = Gateway.start(settings.gateway());
            Publisher publisher = new Publisher(db, gateway);
            publisher.publish(); // the gateway serves what is stored before anyone can change it
            PluginService plugins = new PluginService(db, publisher, new GatewayPluginRuntime(gateway));
            AppService apps = new AppService(db, publisher);
            CredentialService credentials = new CredentialService(db, publisher);
            WebServer server = ApiServer.start(settings.host(), settings.port(), new AdminAuthFilter(keys),
                    routing -> routing
                            .register("/api/v1/plugins", plugins)
                            .register("/api/v1/apps", apps, credentials));
            registrar = new DropInRegistrar(db, publisher);
            gateway.addPluginJarListener(registrar);
            Studio studio = new Studio(db, gateway, registrar, server);
            LOG.info(() -> "admin API on port " + studio.port() + ", gateway on port " + studio.gatewayPort());
            return studio;
        } catch (RuntimeException e) {
            if (registrar != null) {
                registrar.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            db.close();
            throw e;
        }
    }

    /** The admin API's bound port. */
    public int port() {
        return server.port();
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public Gateway gateway() {
        return gateway;
    }

    public DataSource dataSource() {
        return db.dataSource();
    }

    /** Stops taking admin requests first, then the gateway, then the database under both. */
    @Override
    public void close() {
        step("admin API", server::stop);
        step("plugin jar registration", registrar::close);
        step("gateway", gateway::close);
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
