package io.aigw.gateway.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;

import java.util.UUID;
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
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
