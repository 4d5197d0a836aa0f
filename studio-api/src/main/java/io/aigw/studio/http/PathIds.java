package io.aigw.studio.http;

import io.helidon.webserver.http.ServerRequest;

import java.util.regex.Pattern;

/** Numeric ids from the path; anything else names nothing, so it is a 404 rather than a 400. */
public final class PathIds {

    // Canonical decimal only: "+5", "007" or " 5" would otherwise name id 5 under a second spelling.
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    private PathIds() {
    }

    public static long get(ServerRequest req, String param, String what) {
        String raw = req.path().pathParameters().get(param);
        if (ID.matcher(raw).matches()) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                // 19 digits above Long.MAX_VALUE: no such id either
            }
        }
        throw ApiException.notFound(what + " not found");
    }
}
