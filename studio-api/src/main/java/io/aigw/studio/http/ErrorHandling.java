package io.aigw.studio.http;

import io.aigw.studio.publish.PublishException;
import io.helidon.webserver.http.HttpRouting;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into a JSON error; the stack trace goes to the log, never to the client. */
public final class ErrorHandling {

    private static final Logger LOG = Logger.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void install(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> Responses.error(req, res, e.status(), e.getMessage()));
        routing.error(PublishException.class, (req, res, e) -> {
            LOG.log(Level.SEVERE, "request " + RequestId.current(req).value() + ": publishing failed", e);
            Responses.error(req, res, 500, e.getMessage());
        });
        routing.error(Throwable.class, (req, res, e) -> {
            String id = RequestId.current(req).value();
            LOG.log(Level.SEVERE, "request " + id + " (" + req.prologue().method().text() + " "
                    + req.path().path() + ") failed", e);
            Responses.error(req, res, 500, "internal error (request id " + id + ")");
        });
    }

    /** Last route: anything not matched above is a JSON 404. */
    public static void installFallback(HttpRouting.Builder routing) {
        routing.any((req, res) -> Responses.error(req, res, 404,
                "no such endpoint: " + req.prologue().method().text() + " " + req.path().path()));
    }
}
