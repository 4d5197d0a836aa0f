package io.aigw.gateway.dispatch;

import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.host.PluginUnavailableException;

import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.WARNING;

/**
 * What the client is told when a plugin call goes wrong, the same for unary and streamed calls:
 * 503 when the plugin cannot take the call (not loaded, process gone, at its concurrency limit),
 * 504 when it ran out of time, 502 for anything the plugin itself did wrong. The client never
 * sees the plugin's exception; the log does.
 *
 * @param status  the HTTP status
 * @param message the JSON error message
 */
record PluginFailure(int status, String message) {

    private static final System.Logger LOG = System.getLogger(PluginFailure.class.getName());

    /** Classifies {@code failure} and logs it once, with the request id. */
    static PluginFailure of(Throwable failure, String requestId, String pluginName, String timeLimit) {
        return switch (failure) {
            case TimeoutException t -> {
                LOG.log(WARNING, "[{0}] plugin {1} did not answer within {2}: {3}", requestId, pluginName, timeLimit,
                        t.getMessage());
                yield new PluginFailure(504, "plugin did not answer within " + timeLimit);
            }
            case PluginBusyException b -> {
                LOG.log(WARNING, "[{0}] {1}", requestId, b.getMessage());
                yield new PluginFailure(503, "plugin '" + pluginName + "' is busy, try again later");
            }
            case PluginUnavailableException u -> {
                LOG.log(WARNING, "[{0}] plugin {1} is unavailable: {2}", requestId, pluginName, u.getMessage());
                yield new PluginFailure(503, "plugin '" + pluginName + "' is not available");
            }
            default -> {
                LOG.log(WARNING, "[" + requestId + "] plugin " + pluginName + " failed", failure);
                yield new PluginFailure(502, "plugin failed to handle the request");
            }
        };
    }
}
