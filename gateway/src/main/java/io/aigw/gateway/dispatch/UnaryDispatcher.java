package io.aigw.gateway.dispatch;

import io.aigw.gateway.Durations;
import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.host.Generation;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Calls a plugin's unary handler under {@code PLUGIN_ENDPOINT_UNARY_TIMEOUT} and answers the
 * client, always from the request's own thread: the plugin's code never touches the response, so
 * a late plugin can never write into a response (or connection) that has moved on. When time runs
 * out the client gets its 504 at once, even from an in-process plugin that ignores interruption;
 * the plugin is told it is cancelled and interrupted.
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
        String requestId = request.context().requestId();
        CustomEndpointHandler handler = generation.endpointHandler();
        AtomicBoolean abandoned = new AtomicBoolean();
        BasicRequestContext context = new BasicRequestContext(requestId, PluginLoggers.of(pluginName),
                abandoned::get);
        EndpointResponse response;
        try {
            response = generation.calls().call("request-" + requestId,
                    () -> handler.handleEndpointRequest(context, request), timeout, () -> abandoned.set(true));
        } catch (ExecutionException e) {
            PluginFailure.of(e.getCause(), requestId, pluginName, timeLimit).send(res);
            return;
        } catch (TimeoutException | PluginBusyException e) {
            PluginFailure.of(e, requestId, pluginName, timeLimit).send(res);
            return;
        } catch (InterruptedException e) {
            // the server is stopping this request's thread; the connection goes with it
            Thread.currentThread().interrupt();
            new PluginFailure(503, "the gateway is shutting down").send(res);
            return;
        }
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
}
