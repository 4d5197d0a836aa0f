package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.RequestContext;

import java.util.function.BooleanSupplier;

/** The per-request context handed to plugin code running in this process. */
record GatewayRequestContext(String requestId, System.Logger logger, BooleanSupplier cancelled)
        implements RequestContext {

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
