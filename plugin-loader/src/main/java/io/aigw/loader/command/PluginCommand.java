package io.aigw.loader.command;

import io.aigw.loader.manifest.PluginManifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * How the gateway reaches a plugin, parsed from its registered {@code command}: the one grammar
 * the control plane validates, the launchers load and the conformance checker accepts.
 * {@link #toString()} gives the canonical string, which {@link #parse} reads back.
 */
public sealed interface PluginCommand {

    String GRAMMAR = "pf4j:<plugin-id>, file:///absolute/path or grpc://host:port";

    /** @throws InvalidPluginCommandException saying which part is wrong */
    static PluginCommand parse(String command) {
        if (command.startsWith(Pf4j.PREFIX)) {
            return new Pf4j(command.substring(Pf4j.PREFIX.length()));
        }
        if (command.startsWith(Binary.PREFIX)) {
            URI uri = uri(command, "expected file:///absolute/path");
            if (!command.startsWith(Binary.PREFIX + "/") || uri.getPath() == null || uri.getPath().length() <= 1
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new InvalidPluginCommandException(command, "expected file:///absolute/path");
            }
            return new Binary(Path.of(uri.getPath()));
        }
        if (command.startsWith(Remote.PREFIX)) {
            URI uri = uri(command, "expected grpc://host:port");
            if (uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65535
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getQuery() != null
                    || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new InvalidPluginCommandException(command, "expected grpc://host:port");
            }
            return new Remote(uri.getHost(), uri.getPort());
        }
        throw new InvalidPluginCommandException(command, "expected " + GRAMMAR);
    }

    private static URI uri(String command, String expected) {
        try {
            return new URI(command);
        } catch (URISyntaxException e) {
            throw new InvalidPluginCommandException(command, expected);
        }
    }

    /** {@code pf4j:<plugin-id>}: the jar in the plugins directory whose manifest has this id. */
    record Pf4j(String pluginId) implements PluginCommand {
        public static final String PREFIX = "pf4j:";

        public Pf4j {
            if (!PluginManifest.ID_PATTERN.matcher(pluginId).matches()) {
                throw new InvalidPluginCommandException(PREFIX + pluginId,
                        "the plugin id must match " + PluginManifest.ID_PATTERN.pattern());
            }
        }

        @Override
        public String toString() {
            return PREFIX + pluginId;
        }
    }

    /** {@code file:///abs/path}: a binary the gateway starts, reading its handshake. */
    record Binary(Path path) implements PluginCommand {
        public static final String PREFIX = "file://";

        public Binary {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("not an absolute path: " + path);
            }
        }

        @Override
        public String toString() {
            try {
                // the path as a URI path: a space or '%' in it is escaped, so parse() reads it back
                return PREFIX + new URI(null, null, path.toString(), null).getRawPath();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("an absolute path is a URI path", e);
            }
        }
    }

    /** {@code grpc://host:port}: a plugin someone else runs; the gateway only connects. */
    record Remote(String host, int port) implements PluginCommand {
        public static final String PREFIX = "grpc://";

        public Remote {
            if (host == null || host.isBlank() || port <= 0 || port > 65535) {
                throw new IllegalArgumentException("expected a host and a port in 1-65535, got " + host + ":" + port);
            }
        }

        /** {@code host:port}, as a gRPC channel takes it. */
        public String address() {
            return host + ":" + port;
        }

        @Override
        public String toString() {
            return PREFIX + address();
        }
    }
}
