package io.aigw.gateway.http;

import io.aigw.gateway.Durations;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

/**
 * Limits both HTTP servers (gateway and control plane) put on every client connection, read from
 * the environment. Each server enforces them on its own, so the totals are per server.
 *
 * @param idleTimeout              a kept-alive connection with no request in progress is closed after this
 *                                 ({@code HTTP_IDLE_TIMEOUT})
 * @param headerTimeout            from the first byte of a request to the end of its headers; past it the
 *                                 client gets 408 and the connection is closed ({@code HTTP_HEADER_TIMEOUT})
 * @param bodyTimeout              from the end of the headers to the end of the body, counted while the
 *                                 server waits for body bytes; past it 408 and close ({@code HTTP_BODY_TIMEOUT})
 * @param maxConnections           open connections per server; more are answered 503 and closed
 *                                 ({@code HTTP_MAX_CONNECTIONS})
 * @param maxConnectionsPerAddress open connections per server from one client IP address
 *                                 ({@code HTTP_MAX_CONNECTIONS_PER_ADDRESS})
 */
public record HttpSettings(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections,
                           int maxConnectionsPerAddress) {

    /** Below every operating system's open-file limit, so accepting can never fail for want of descriptors. */
    private static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    private static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 500;

    public HttpSettings {
        requirePositive("HTTP_IDLE_TIMEOUT", idleTimeout);
        requirePositive("HTTP_HEADER_TIMEOUT", headerTimeout);
        requirePositive("HTTP_BODY_TIMEOUT", bodyTimeout);
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("HTTP_MAX_CONNECTIONS and HTTP_MAX_CONNECTIONS_PER_ADDRESS must be >= 1");
        }
    }

    public static HttpSettings defaults() {
        return fromEnv(Map.of());
    }

    public static HttpSettings fromEnv(Map<String, String> env) {
        int maxConnections = integer(env, "HTTP_MAX_CONNECTIONS", defaultMaxConnections());
        return new HttpSettings(
                duration(env, "HTTP_IDLE_TIMEOUT", "60s"),
                duration(env, "HTTP_HEADER_TIMEOUT", "10s"),
                duration(env, "HTTP_BODY_TIMEOUT", "60s"),
                maxConnections,
                integer(env, "HTTP_MAX_CONNECTIONS_PER_ADDRESS",
                        Math.min(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, maxConnections)));
    }

    /**
     * 10,000, or a quarter of the process's open-file limit when that is lower: the process has two
     * servers, plugin processes, database connections and jars to keep open too. Running out of
     * descriptors is worse than refusing a connection: Helidon's listener stops for good when
     * {@code accept} fails.
     */
    private static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            if (limit > 0) {
                return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, limit / 4));
            }
        }
        return DEFAULT_MAX_CONNECTIONS;
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        try {
            return Durations.parse(value == null || value.isBlank() ? fallback : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: '" + value + "'", e);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
