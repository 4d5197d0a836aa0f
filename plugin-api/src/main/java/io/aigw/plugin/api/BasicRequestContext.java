package io.aigw.plugin.api;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The {@link RequestContext} every host gives a plugin for one request: the gateway for
 * in-process plugins, the plugin-side runtime for external ones, and tests.
 *
 * @param cancelled asked on every {@link #isCancelled()}: the client went away or time ran out
 */
public record BasicRequestContext(String requestId, System.Logger logger, BooleanSupplier cancelled)
        implements RequestContext {

    public BasicRequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** A request that is never cancelled (tests, tools). */
    public static BasicRequestContext of(String requestId, System.Logger logger) {
        return new BasicRequestContext(requestId, logger, () -> false);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
