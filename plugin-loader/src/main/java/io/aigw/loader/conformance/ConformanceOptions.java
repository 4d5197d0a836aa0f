package io.aigw.loader.conformance;

import io.aigw.loader.command.PluginCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to check and how: the plugin ({@code file:///abs/path} or {@code grpc://host:port}), the
 * config its Initialize gets, the GET requests to send (else one per GET route), and time limits.
 *
 * @param gets          relative paths with an optional query, e.g. {@code /stream?count=3}; empty:
 *                      one GET per GET route (a {@code /*} route gets {@code /conformance-check})
 * @param timeout       for the handshake and each call, as the gateway's PLUGIN_HANDSHAKE_TIMEOUT
 * @param streamWindow  how long a stream is read before the checker stops it (endless SSE streams)
 */
record ConformanceOptions(PluginCommand target, Map<String, String> config, List<String> gets, Duration timeout,
                          Duration streamWindow) {

    static final String USAGE = """
            usage: plugin-conformance <file:///abs/path/to/binary | grpc://host:port> [options]
              --config key=value   config for Initialize (repeatable; default slug=conformance)
              --get /path[?query]  a GET request to send (repeatable); default: one per GET route
              --timeout 10s        handshake and per-call limit (as PLUGIN_HANDSHAKE_TIMEOUT)
              --stream-window 5s   how long to read a stream before stopping it
            exit status: 0 conforms, 1 violates the contract, 2 usage or setup error""";

    /** @throws IllegalArgumentException with a message for the user */
    static ConformanceOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no plugin given");
        }
        // the gateway's own grammar (an InvalidPluginCommandException says what is wrong); a pf4j:
        // jar runs in the gateway's JVM, with no wire protocol to check
        PluginCommand target = PluginCommand.parse(args[0]);
        if (target instanceof PluginCommand.Pf4j) {
            throw new IllegalArgumentException("expected file:///abs/path or grpc://host:port, got " + args[0]
                    + " (a pf4j: plugin runs inside the gateway; the checker checks external plugins)");
        }
        Map<String, String> config = new LinkedHashMap<>();
        List<String> gets = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(10);
        Duration window = Duration.ofSeconds(5);
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--config" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--config needs key=value, got " + value);
                    }
                    config.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--get" -> {
                    if (!value.startsWith("/")) {
                        throw new IllegalArgumentException("--get needs a path starting with /, got " + value);
                    }
                    gets.add(value);
                }
                case "--timeout" -> timeout = duration(value);
                case "--stream-window" -> window = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        config.putIfAbsent("slug", "conformance");
        return new ConformanceOptions(target, Map.copyOf(config), List.copyOf(gets), timeout, window);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}. */
    private static Duration duration(String text) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (like 500ms, 10s, 2m): " + text);
        }
    }
}
