package io.aigw.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one line an external plugin prints on stdout once it listens:
 * {@code AIGW_PLUGIN|<protocol-version>|<tcp|unix>|<address>}, e.g.
 * {@code AIGW_PLUGIN|1|tcp|127.0.0.1:40123} or {@code AIGW_PLUGIN|1|unix|/tmp/aigw-echo.sock}.
 * See docs/plugin-protocol.md.
 */
public record Handshake(int protocolVersion, Network network, String address) {

    /** The protocol versions this build speaks; the plugin picks one and announces it. */
    public static final int PROTOCOL_VERSION = 1;
    public static final String PREFIX = "AIGW_PLUGIN";

    /**
     * Set by the gateway when it starts a plugin. Not a secret: it only stops an arbitrary binary
     * from being mistaken for a plugin, and a plugin binary run by hand from pretending to be one.
     */
    public static final String MAGIC_COOKIE_KEY = "AIGW_PLUGIN_MAGIC_COOKIE";
    public static final String MAGIC_COOKIE_VALUE = "7c3e1f0a-aigw-plugin-d94b2e65";
    /** Comma-separated protocol versions the gateway accepts, e.g. {@code 1}. */
    public static final String PROTOCOL_VERSIONS_KEY = "AIGW_PLUGIN_PROTOCOL_VERSIONS";
    /** {@code tcp} (default) or {@code unix}: how the gateway would like the plugin to listen. */
    public static final String NETWORK_KEY = "AIGW_PLUGIN_NETWORK";
    /** Optional: where to listen ({@code host:port} for tcp, a socket path for unix). */
    public static final String ADDRESS_KEY = "AIGW_PLUGIN_ADDRESS";
    /** The name the plugin is registered under, for the plugin's own log lines. */
    public static final String NAME_KEY = "AIGW_PLUGIN_NAME";
    /** {@code 1}: exit when stdin reaches end of file, i.e. when the gateway is gone. */
    public static final String EXIT_ON_STDIN_EOF_KEY = "AIGW_PLUGIN_EXIT_ON_STDIN_EOF";

    /** A hint for Java launchers: the gateway's own {@code java}, to run the plugin on the same JDK. */
    public static final String JAVA_KEY = "AIGW_PLUGIN_JAVA";

    /**
     * What a gateway passes on from its own environment to a plugin it starts, besides
     * {@link #launchEnvironment}; nothing else (no database URL, no keys).
     */
    public static final List<String> INHERITED_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ",
            "TMPDIR", "JAVA_HOME");

    /**
     * What a gateway puts in the environment of a plugin it starts (docs/plugin-protocol.md,
     * section 1): a Unix socket inside {@code socketDirectory} when there is one, else loopback tcp.
     */
    public static Map<String, String> launchEnvironment(String pluginName, Path socketDirectory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE);
        env.put(PROTOCOL_VERSIONS_KEY, String.valueOf(PROTOCOL_VERSION));
        if (socketDirectory != null) {
            env.put(NETWORK_KEY, Network.UNIX.label());
            env.put(ADDRESS_KEY, socketDirectory.resolve("plugin.sock").toString());
        } else {
            env.put(NETWORK_KEY, Network.TCP.label());
        }
        env.put(NAME_KEY, pluginName);
        env.put(EXIT_ON_STDIN_EOF_KEY, "1");
        env.put(JAVA_KEY, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return env;
    }

    public enum Network {
        TCP, UNIX;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Network parse(String s) {
            return switch (s) {
                case "tcp" -> TCP;
                case "unix" -> UNIX;
                default -> throw new IllegalArgumentException("unknown network '" + s + "' (expected tcp or unix)");
            };
        }
    }

    public String line() {
        return PREFIX + "|" + protocolVersion + "|" + network.label() + "|" + address;
    }

    /**
     * Parses a handshake line.
     *
     * @throws IllegalArgumentException with an operator-readable reason when it is not one
     */
    public static Handshake parse(String line) {
        List<String> parts = List.of(line.strip().split("\\|", -1));
        if (parts.size() != 4 || !parts.get(0).equals(PREFIX)) {
            throw new IllegalArgumentException("expected '" + PREFIX + "|<version>|<tcp|unix>|<address>' but got '"
                    + abbreviate(line) + "'");
        }
        int version;
        try {
            version = Integer.parseInt(parts.get(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("protocol version '" + abbreviate(parts.get(1)) + "' is not a number");
        }
        if (version != PROTOCOL_VERSION) {
            throw new IllegalArgumentException("plugin speaks protocol version " + version + "; this gateway speaks "
                    + PROTOCOL_VERSION);
        }
        if (parts.get(3).isBlank()) {
            throw new IllegalArgumentException("handshake names no address");
        }
        return new Handshake(version, Network.parse(parts.get(2)), parts.get(3));
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }
}
