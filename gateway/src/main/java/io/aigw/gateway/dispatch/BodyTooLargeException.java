package io.aigw.gateway.dispatch;

/** The request body is over {@code PLUGIN_ENDPOINT_MAX_BODY_SIZE}. */
final class BodyTooLargeException extends Exception {
    BodyTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes (PLUGIN_ENDPOINT_MAX_BODY_SIZE)");
    }
}
