package io.aigw.gateway.dispatch;

import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Calls a plugin's unary handler on the request's own thread, under
 * {@code PLUGIN_ENDPOINT_UNARY_TIMEOUT}. When time runs out the client gets its 504 at once, even
 * from a plugin that ignores interruption, and the plugin is told it is cancelled and interrupted.
 */
final class UnaryDispatcher {

    private static final System.Logger LOG = System.getLogger(UnaryDispatcher.class.getName());

    private final Duration timeout;
    private final Deadlines deadlines;

    UnaryDispatcher(Duration timeout, Deadlines deadlines) {
        this.timeout = timeout;
        this.deadlines = deadlines;
    }

    /**
     * One call's race between the plugin returning and its deadline passing: whoever moves the
     * state off RUNNING first answers the client.
     */
    private final class Call implements Deadlines.Watched {
        private static final int RUNNING = 0, RETURNED = 1, EXPIRED = 2;

        final AtomicInteger state = new AtomicInteger(RUNNING);
        final CountDownLatch expiryAnswered = new CountDownLatch(1);
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Thread caller = Thread.currentThread();
        final ServerResponse res;
        final String requestId;
        final String pluginName;

        Call(ServerResponse res, String requestId, String pluginName) {
            this.res = res;
            this.requestId = requestId;
            this.pluginName = pluginName;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void expire() {
            if (!state.compareAndSet(RUNNING, EXPIRED)) {
                return;
            }
            try {
                caller.interrupt();
                LOG.log(WARNING, "[{0}] plugin {1} did not answer within {2}", requestId, pluginName, timeout);
                JsonErrors.send(res, 504, "plugin did not answer within " + timeout.toSeconds() + "s");
            } finally {
                expiryAnswered.countDown();
            }
        }

        boolean expired() {
            return state.get() == EXPIRED;
        }

        /** True when the plugin's answer may be sent; otherwise waits until the 504 is out. */
        boolean returnedInTime() {
            if (state.compareAndSet(RUNNING, RETURNED)) {
                return true;
            }
            try {
                expiryAnswered.await();
            } catch (InterruptedException ignored) {
                // the interrupt was meant for the plugin; it is cleared below
            }
            Thread.interrupted();
            return false;
        }
    }

    void dispatch(CustomEndpointHandler handler, String pluginName, EndpointRequest request, ServerResponse res) {
        String requestId = request.context().requestId();
        Call call = new Call(res, requestId, pluginName);
        GatewayRequestContext context = new GatewayRequestContext(requestId, PluginLoggers.of(pluginName),
                call::expired);
        EndpointResponse response;
        deadlines.watch(call);
        try {
            response = handler.handleEndpointRequest(context, request);
        } catch (Exception | LinkageError | StackOverflowError e) {
            if (call.returnedInTime()) {
                answerFailure(e, requestId, pluginName, res);
            }
            return;
        } finally {
            deadlines.unwatch(call);
        }
        if (!call.returnedInTime()) {
            return;
        }
        if (response == null) {
            LOG.log(WARNING, "[{0}] plugin {1} returned no response", requestId, pluginName);
            JsonErrors.send(res, 502, "plugin returned an invalid response");
            return;
        }
        String problem = PluginResponses.problem(response.status(), response.headers());
        if (problem != null) {
            LOG.log(WARNING, "[{0}] plugin {1} returned an invalid response: {2}", requestId, pluginName, problem);
            JsonErrors.send(res, 502, "plugin returned an invalid response");
            return;
        }
        PluginResponses.copy(response.status(), response.headers(), res);
        res.send(response.body());
    }

    private void answerFailure(Throwable e, String requestId, String pluginName, ServerResponse res) {
        switch (e) {
            case TimeoutException t -> {
                // a transport's own deadline (e.g. gRPC's) passing is the same timeout
                LOG.log(WARNING, "[{0}] plugin {1} did not answer in time: {2}", requestId, pluginName,
                        t.getMessage());
                JsonErrors.send(res, 504, "plugin did not answer within " + timeout.toSeconds() + "s");
            }
            case PluginUnavailableException u -> {
                LOG.log(WARNING, "[{0}] plugin {1} is unavailable: {2}", requestId, pluginName, u.getMessage());
                JsonErrors.send(res, 503, "plugin '" + pluginName + "' is not available");
            }
            default -> {
                LOG.log(WARNING, "[" + requestId + "] plugin " + pluginName + " failed", e);
                JsonErrors.send(res, 502, "plugin failed to handle the request");
            }
        }
    }
}
