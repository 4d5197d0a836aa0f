package io.aigw.studio.http;

import io.aigw.gateway.http.RequestIds;
import io.helidon.http.HeaderName;
import io.helidon.webserver.http.ServerRequest;

/** The id tying a request to its log lines; echoed in {@code X-Request-ID} (chosen by {@link RequestIds}). */
public record RequestId(String value) {

    public static final HeaderName HEADER = RequestIds.HEADER;

    /** The client's id when it is safe to echo and log, else a fresh one. */
    public static RequestId of(ServerRequest req) {
        return new RequestId(RequestIds.of(req));
    }

    /** The id the filter chose for this request (a fresh one if the filter never ran). */
    public static RequestId current(ServerRequest req) {
        return req.context().get(RequestId.class).orElseGet(() -> of(req));
    }
}
