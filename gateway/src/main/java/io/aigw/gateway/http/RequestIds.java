package io.aigw.gateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id tying a request to its log lines, echoed in {@code X-Request-ID}: the caller's when it is
 * sane, otherwise a fresh one. Both servers (gateway and control plane) pick it this way.
 */
public final class RequestIds {

    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");
    // Anything else (too long, control characters, spaces) could forge log lines or headers.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String of(ServerRequest req) {
        return of(req.headers());
    }

    public static String of(Headers headers) {
        String given = headers.first(HEADER).orElse(null);
        return given != null && SANE.matcher(given).matches() ? given : generate();
    }

    /**
     * A random (version 4) UUID. Request ids only need to be unique, not unguessable, so they come
     * from the thread's fast generator rather than {@code UUID.randomUUID()}'s SecureRandom, which
     * costs a lock and a read of the OS's entropy on every request.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xf000L | 0x4000L;
        long low = random.nextLong() & ~(0xcL << 60) | 0x8L << 60;
        return new UUID(high, low).toString();
    }
}
