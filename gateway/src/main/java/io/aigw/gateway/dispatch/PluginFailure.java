package io.aigw.gateway.dispatch;

import io.aigw.loader.calls.CallFailure;
import io.helidon.webserver.http.ServerResponse;

import static java.lang.System.Logger.Level.WARNING;

/**
 * What the client is told when a plugin call goes wrong, the same for unary and streamed calls:
 * the status is {@link CallFailure}'s (503 when the plugin cannot take the call, 504 when it ran
 * out of time, 502 for anything the plugin itself did wrong), the message is said here. The client
 * never sees the plugin's exception; the log does.
 *
 * @param status  the HTTP status
 * @param message the JSON error message
 */
record PluginFailure(int status, String message) {

    private static final System.Logger LOG = System.getLogger(PluginFailure.class.getName());
    static final String FAILED_MESSAGE = "plugin failed to handle the request";

    /** Classifies {@code failure} and logs it once, with the request id. */
    static PluginFailure of(Throwable failure, String requestId, String pluginName, String timeLimit) {
        CallFailure kind = CallFailure.of(failure);
        String message = switch (kind) {
            case TIMED_OUT -> {
                LOG.log(WARNING, "[{0}] plugin {1} did not answer within {2}: {3}", requestId, pluginName, timeLimit,
                        failure.getMessage());
                yield "plugin did not answer within " + timeLimit;
            }
            case BUSY -> {
                LOG.log(WARNING, "[{0}] {1}", requestId, failure.getMessage());
                yield "plugin '" + pluginName + "' is busy, try again later";
            }
            case UNAVAILABLE -> {
                LOG.log(WARNING, "[{0}] plugin {1} is unavailable: {2}", requestId, pluginName, failure.getMessage());
                yield unavailable(pluginName).message();
            }
            case FAILED -> {
                LOG.log(WARNING, "[" + requestId + "] plugin " + pluginName + " failed", failure);
                yield FAILED_MESSAGE;
            }
        };
        return new PluginFailure(kind.httpStatus(), message);
    }

    /** The plugin serving the slug is not loaded or not running. */
    static PluginFailure unavailable(String pluginName) {
        return new PluginFailure(CallFailure.UNAVAILABLE.httpStatus(), "plugin '" + pluginName + "' is not available");
    }

    /** The plugin answered, but not with something a client may be given (bad status, bad headers, nothing). */
    static PluginFailure invalidResponse() {
        return new PluginFailure(CallFailure.FAILED.httpStatus(), "plugin returned an invalid response");
    }

    void send(ServerResponse res) {
        JsonErrors.send(res, status, message);
    }
}
