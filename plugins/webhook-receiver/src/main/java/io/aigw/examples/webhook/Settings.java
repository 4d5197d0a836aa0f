package io.aigw.examples.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plugin's config, checked once at {@code initialize}: a bad value fails the plugin's start
 * with a message naming the key, which the admin API shows as the plugin's {@code status.error}.
 *
 * @param secret             {@code webhook_secret}: the HMAC-SHA256 key senders sign with
 *                           (required, no default: a default secret would be a known secret)
 * @param maxBodyBytes       {@code max_body_bytes}: larger webhook bodies answer 413 (default 1 MiB)
 * @param maxEvents          {@code max_events}: how many of the newest events are kept (default 1000)
 * @param maxStoredBodyBytes {@code max_stored_body_bytes}: how much of each body is kept (default
 *                           64 KiB; longer ones are kept truncated and say so)
 * @param readScope          {@code read_scope}: the token scope listing the events takes; empty (the
 *                           default): any App token
 */
record Settings(byte[] secret, int maxBodyBytes, int maxEvents, int maxStoredBodyBytes, String readScope) {

    static final String SECRET = "webhook_secret";
    /** Short shared secrets can be guessed offline from one signed request. */
    static final int MIN_SECRET_BYTES = 16;
    static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    static final int DEFAULT_MAX_EVENTS = 1000;
    static final int DEFAULT_MAX_STORED_BODY_BYTES = 64 << 10;
    /** Above this a listing page of even one event could outgrow what a gateway takes from a plugin. */
    static final int LARGEST_STORED_BODY = 256 << 10;
    /** The gateway bounds bodies too ({@code PLUGIN_ENDPOINT_MAX_BODY_SIZE}); this only keeps the value sane. */
    static final int LARGEST_BODY = 256 << 20;
    static final int MOST_EVENTS = 10_000;
    /** Half of the plugin store's per-plugin quota (256 MiB), so retention can never run into it. */
    static final long MOST_RETAINED_BYTES = 128L << 20;

    /** @throws IllegalArgumentException naming the bad key and what it must be */
    static Settings of(Map<String, String> config) {
        String secret = config.get(SECRET);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("config '" + SECRET + "' is required: the shared secret webhook senders "
                    + "sign their requests with (HMAC-SHA256); set it in this plugin's config, e.g. to the output of "
                    + "'openssl rand -hex 32'");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            // the value itself is never repeated: it is a secret, and messages end up in logs
            throw new IllegalArgumentException("config '" + SECRET + "' must be at least " + MIN_SECRET_BYTES
                    + " bytes long (it has " + key.length + "); use e.g. the output of 'openssl rand -hex 32'");
        }
        int maxBody = number(config, "max_body_bytes", DEFAULT_MAX_BODY_BYTES, 1, LARGEST_BODY);
        int maxEvents = number(config, "max_events", DEFAULT_MAX_EVENTS, 1, MOST_EVENTS);
        int maxStored = number(config, "max_stored_body_bytes", DEFAULT_MAX_STORED_BODY_BYTES, 0, LARGEST_STORED_BODY);
        if ((long) maxEvents * maxStored > MOST_RETAINED_BYTES) {
            throw new IllegalArgumentException("config 'max_events' x 'max_stored_body_bytes' (" + maxEvents + " x "
                    + maxStored + " bytes) must stay within " + (MOST_RETAINED_BYTES >> 20)
                    + " MiB, half of the plugin store's quota; lower one of them");
        }
        String readScope = config.getOrDefault("read_scope", "").strip();
        return new Settings(key, maxBody, maxEvents, maxStored, readScope);
    }

    private static int number(Map<String, String> config, String key, int fallback, int min, int max) {
        String text = config.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("config '" + key + "' must be a whole number from " + min + " to " + max
                    + ", not '" + text + "'");
        }
        return (int) value;
    }

    // a record holding an array: never print the secret
    @Override
    public String toString() {
        return "Settings[maxBodyBytes=" + maxBodyBytes + ", maxEvents=" + maxEvents + ", maxStoredBodyBytes="
                + maxStoredBodyBytes + ", readScope=" + readScope + "]";
    }
}
