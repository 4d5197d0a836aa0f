package io.aigw.examples.mcp;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's config (every key optional).
 *
 * @param maxServersPerApp how many MCP servers one App may hold ({@code max_servers_per_app}, default 10)
 * @param sessionKey       the AES key sealing the aggregated endpoint's session ids ({@code session_key}:
 *                         16, 24 or 32 bytes, base64); empty when unset, and the plugin then makes one of its
 *                         own that no other gateway process shares
 * @param connectTimeout   connecting to an upstream ({@code upstream_connect_timeout}, default 10 s)
 * @param sessionMaxAge    how long an aggregated session id is honoured ({@code session_max_age}, default 24 h)
 */
record Settings(int maxServersPerApp, Optional<byte[]> sessionKey, Duration connectTimeout, Duration sessionMaxAge) {

    static final int DEFAULT_MAX_SERVERS = 10;

    /** @throws IllegalArgumentException naming the bad key, which fails the plugin's start with that reason */
    static Settings of(Map<String, String> config) {
        int max = whole(config, "max_servers_per_app", DEFAULT_MAX_SERVERS, 1, 1000);
        Optional<byte[]> key = Optional.empty();
        String encoded = config.getOrDefault("session_key", "").strip();
        if (!encoded.isEmpty()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config 'session_key' must be base64 (e.g. the output of "
                        + "'openssl rand -base64 32')");
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalArgumentException("config 'session_key' must decode to 16, 24 or 32 bytes, not "
                        + raw.length);
            }
            key = Optional.of(raw);
        }
        Duration connect = duration(config, "upstream_connect_timeout", Duration.ofSeconds(10));
        Duration maxAge = duration(config, "session_max_age", Duration.ofHours(24));
        return new Settings(max, key, connect, maxAge);
    }

    private static int whole(Map<String, String> config, String key, int fallback, int min, int max) {
        String given = config.getOrDefault(key, String.valueOf(fallback)).strip();
        int value;
        try {
            value = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("config '" + key + "' must be a whole number from " + min + " to "
                    + max + ", not '" + given + "'");
        }
        return value;
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}. */
    private static Duration duration(Map<String, String> config, String key, Duration fallback) {
        String given = config.getOrDefault(key, "").strip();
        if (given.isEmpty()) {
            return fallback;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(given);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("config '" + key + "' must be a duration like 500ms, 10s, 5m or 24h, not '"
                    + given + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
