package io.aigw.runtime;

import io.aigw.plugin.api.RequestContext;

import java.util.function.BooleanSupplier;

/** The per-request context a plugin gets in its own process; cancelled when the gateway cancels the call. */
record ServerRequestContext(String requestId, System.Logger logger, BooleanSupplier cancelled)
        implements RequestContext {

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
