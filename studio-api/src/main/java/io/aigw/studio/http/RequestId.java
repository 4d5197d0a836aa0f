package io.aigw.studio.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id tying a request to its log lines; echoed in {@code X-Request-ID}. */
public record RequestId(String value) {

    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");

    // Anything else (too long, control characters, spaces) could forge log lines or headers.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The client's id when it is safe to echo and log, else a fresh one. */
    public static RequestId of(ServerRequest req) {
        return req.headers().first(HEADER)
                .filter(v -> SANE.matcher(v).matches())
                .map(RequestId::new)
                .orElseGet(() -> new RequestId(UUID.randomUUID().toString()));
    }

    /** The id the filter chose for this request (a fresh one if the filter never ran). */
    public static RequestId current(ServerRequest req) {
        return req.context().get(RequestId.class).orElseGet(() -> of(req));
    }
}
