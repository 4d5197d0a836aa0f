package io.aigw.studio.testing;

import io.aigw.studio.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL for a whole test JVM, started the way the system starts its own
 * ({@link Database#open} on a data directory, watchdog included, so a killed test JVM leaves no
 * server behind). Each test system gets a database of its own in it, copied from a template the
 * migrations ran on once: a fresh, migrated database costs a {@code CREATE DATABASE}, not a
 * server start.
 */
final class SharedPostgres implements AutoCloseable {

    private static final String TEMPLATE = "aigw_template";

    private final Path root;
    private final Database server;
    private final int port;
    private final AtomicInteger created = new AtomicInteger();

    private SharedPostgres(Path root, Database server, int port) {
        this.root = root;
        this.server = server;
        this.port = port;
    }

    static SharedPostgres start() {
        Path root;
        try {
            root = Files.createTempDirectory("aigw-shared-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database server = Database.open(null, root);
        try {
            int port = Integer.parseInt(query(server, "SELECT current_setting('port')"));
            SharedPostgres shared = new SharedPostgres(root, server, port);
            shared.execute("CREATE DATABASE " + TEMPLATE);
            // the system's own migration code, run once; every test database is a copy
            Database.open(shared.url(TEMPLATE), null).close();
            return shared;
        } catch (RuntimeException e) {
            server.close();
            deleteRecursively(root);
            throw e;
        }
    }

    /** A new migrated database; dropped again by {@link #drop}. Returns its name. */
    String createDatabase() {
        String name = "test_" + created.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return name;
    }

    /** A {@code DATABASE_URL} for {@code database}. */
    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Drops {@code database}, cutting connections a stopped system may have left. */
    void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String query(Database db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test over
        }
    }
}
