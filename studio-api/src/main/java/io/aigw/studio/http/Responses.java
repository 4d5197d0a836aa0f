package io.aigw.studio.http;

import io.aigw.studio.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/** Writing JSON answers. */
public final class Responses {

    private Responses() {
    }

    public static void json(ServerRequest req, ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(RequestId.HEADER, RequestId.current(req).value());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    public static void ok(ServerRequest req, ServerResponse res, Object body) {
        json(req, res, 200, body);
    }

    public static void created(ServerRequest req, ServerResponse res, Object body) {
        json(req, res, 201, body);
    }

    public static void noContent(ServerRequest req, ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.header(RequestId.HEADER, RequestId.current(req).value());
        res.send();
    }

    public static void error(ServerRequest req, ServerResponse res, int status, String message) {
        json(req, res, status, new ErrorBody(message));
    }
}
