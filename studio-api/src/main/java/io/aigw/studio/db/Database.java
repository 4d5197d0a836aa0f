package io.aigw.studio.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The control plane's PostgreSQL: an embedded server whose data survives restarts, or an external
 * one from DATABASE_URL; a small pool; the schema migrated on open; the one place SQL work gets a
 * {@link Handle} (see the package notes). The embedded server never outlives its JVM for long
 * ({@link PostgresWatchdog}), and one left behind anyway is stopped before the next start
 * ({@link OrphanedPostmaster}).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int POOL_SIZE = 10;

    private final EmbeddedPostgres embedded;
    private final PostgresWatchdog watchdog;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private volatile Runnable configChanged = () -> { };

    private Database(EmbeddedPostgres embedded, PostgresWatchdog watchdog, HikariDataSource pool) {
        this.embedded = embedded;
        this.watchdog = watchdog;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /** Opens the database named by {@code databaseUrl}, or an embedded one in {@code dataDir/postgres}. */
    public static Database open(String databaseUrl, Path dataDir) {
        EmbeddedPostgres embedded = null;
        PostgresWatchdog watchdog = null;
        HikariConfig config = new HikariConfig();
        try {
            if (databaseUrl == null) {
                Path pgData = dataDir.resolve("postgres");
                Files.createDirectories(pgData);
                OrphanedPostmaster.stopIfAny(pgData);
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .start();
                watchdog = PostgresWatchdog.start(pgData).orElse(null);
                config.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
                LOG.info(() -> "embedded PostgreSQL in " + pgData);
            } else {
                DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
                config.setJdbcUrl(url.jdbcUrl());
                config.setUsername(url.user());
                config.setPassword(url.password());
                LOG.info(() -> "external PostgreSQL at " + url.describe());
            }
            config.setPoolName("studio-db");
            config.setMaximumPoolSize(POOL_SIZE);
            HikariDataSource pool = new HikariDataSource(config);
            Database db = new Database(embedded, watchdog, pool);
            try {
                db.migrate();
            } catch (RuntimeException e) {
                pool.close(); // the embedded server is stopped by the catch below
                throw e;
            }
            return db;
        } catch (IOException e) {
            stopEmbedded(embedded, watchdog);
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopEmbedded(embedded, watchdog);
            throw e;
        }
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        var current = flyway.info().current();
        LOG.info(() -> "schema at version " + (current == null ? "none" : current.getVersion()) + " ("
                + applied + " migrations applied now)");
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code listener} after every commit of a transaction that changed what gateways serve
     * (it wrote {@link ChangeLog} rows), before {@link #transaction} returns to its caller: the
     * control plane's publisher, so an API call that returns has taken effect. Replaces any
     * listener set before. It runs after the connection went back to the pool, so it may use the
     * database itself; what it throws reaches the caller of {@code transaction} (the change is
     * committed all the same).
     */
    public void onConfigChange(Runnable listener) {
        configChanged = listener;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     * When it changed what gateways serve, the {@link #onConfigChange} listener runs after the
     * commit, before this returns.
     */
    public <T> T transaction(SqlWork<T> work) {
        Committed<T> committed;
        try (Handle h = jdbi.open()) {
            committed = h.inTransaction(tx -> {
                T result = work.run(tx);
                return new Committed<>(result, ChangeLog.writtenBy(tx));
            });
        } catch (JdbiException e) {
            throw DatabaseException.of(e);
        }
        if (committed.changedConfig()) {
            configChanged.run();
        }
        return committed.result();
    }

    /**
     * Runs read-only {@code work} on a pooled connection in auto-commit mode. Writes belong in
     * {@link #transaction}: only there is a change of served data noticed and published.
     */
    public <T> T read(SqlWork<T> work) {
        try (Handle h = jdbi.open()) {
            return work.run(h);
        } catch (JdbiException e) {
            throw DatabaseException.of(e);
        }
    }

    private record Committed<T>(T result, boolean changedConfig) {
    }

    @Override
    public void close() {
        pool.close();
        stopEmbedded(embedded, watchdog);
    }

    // The watchdog goes last: closed while the server still ran, it would stop the server itself.
    private static void stopEmbedded(EmbeddedPostgres pg, PostgresWatchdog watchdog) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "stopping embedded PostgreSQL failed", e);
            }
        }
        if (watchdog != null) {
            watchdog.close();
        }
    }
}
