package io.aigw.studio.http;

import io.helidon.webserver.http.ServerRequest;

/** Numeric ids from the path; anything else names nothing, so it is a 404 rather than a 400. */
public final class PathIds {

    private PathIds() {
    }

    public static long get(ServerRequest req, String param, String what) {
        String raw = req.path().pathParameters().get(param);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.notFound(what + " not found");
    }
}
