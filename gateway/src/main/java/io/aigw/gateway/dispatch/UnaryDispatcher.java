package io.aigw.gateway.dispatch;

import io.aigw.gateway.Durations;
import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.calls.UnaryAnswer;
import io.aigw.loader.host.Generation;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Calls a plugin's unary handler under {@code PLUGIN_ENDPOINT_UNARY_TIMEOUT} and answers the
 * client exactly once ({@link UnaryAnswer}). The plugin's code never touches the response, so a
 * late plugin can never write into a response (or connection) that has moved on. When time runs
 * out the client gets its 504 at once, even from an in-process plugin that ignores interruption
 * (then from a thread of the plugin call watch, while the request's thread is still in the
 * plugin's code); the plugin is told it is cancelled and interrupted.
 */
final class UnaryDispatcher {

    private static final System.Logger LOG = System.getLogger(UnaryDispatcher.class.getName());

    private final Duration timeout;
    private final String timeLimit;

    UnaryDispatcher(Duration timeout) {
        this.timeout = timeout;
        this.timeLimit = Durations.format(timeout);
    }

    void dispatch(Generation generation, String pluginName, EndpointRequest request, ServerResponse res) {
        Reply reply = new Reply(generation.endpointHandler(), request, pluginName, res);
        try {
            generation.calls().unary(reply, timeout, reply);
        } catch (PluginBusyException e) {
            PluginFailure.of(e, reply.requestId, pluginName, timeLimit).send(res);
        }
    }

    /**
     * One call: the plugin's work, whether it is cancelled (what its {@code isCancelled()} asks),
     * and the answer to the client. One object for the three, made once per request.
     */
    private final class Reply implements UnaryAnswer<EndpointResponse>, Callable<EndpointResponse>, BooleanSupplier {
        private final CustomEndpointHandler handler;
        private final EndpointRequest request;
        private final BasicRequestContext context;
        private final String requestId;
        private final String pluginName;
        private final ServerResponse res;
        private volatile boolean abandoned;

        Reply(CustomEndpointHandler handler, EndpointRequest request, String pluginName, ServerResponse res) {
            this.handler = handler;
            this.request = request;
            this.requestId = request.context().requestId();
            this.pluginName = pluginName;
            this.res = res;
            this.context = new BasicRequestContext(requestId, PluginLoggers.of(pluginName), this);
        }

        /** The plugin's work, run by {@code PluginCalls}. */
        @Override
        public EndpointResponse call() throws Exception {
            return handler.handleEndpointRequest(context, request);
        }

        /** The client went away or time ran out. */
        @Override
        public boolean getAsBoolean() {
            return abandoned;
        }

        @Override
        public String purpose() {
            return "request-" + requestId;
        }

        @Override
        public void abandoned() {
            abandoned = true;
        }

        @Override
        public void returned(EndpointResponse response) {
            if (response == null) {
                LOG.log(WARNING, "[{0}] plugin {1} returned no response", requestId, pluginName);
                PluginFailure.invalidResponse().send(res);
                return;
            }
            String problem = PluginResponses.problem(response.status(), response.headers());
            if (problem != null) {
                LOG.log(WARNING, "[{0}] plugin {1} returned an invalid response: {2}", requestId, pluginName, problem);
                PluginFailure.invalidResponse().send(res);
                return;
            }
            PluginResponses.copy(response.status(), response.headers(), res);
            res.send(response.body());
        }

        @Override
        public void failed(Throwable error) {
            PluginFailure.of(error, requestId, pluginName, timeLimit).send(res);
        }

        @Override
        public void timedOut() {
            PluginFailure.of(new TimeoutException("no answer within " + timeLimit), requestId, pluginName, timeLimit)
                    .send(res);
        }

        @Override
        public void interrupted() {
            // the server is stopping this request's thread; the connection goes with it
            new PluginFailure(503, "the gateway is shutting down").send(res);
        }
    }
}
