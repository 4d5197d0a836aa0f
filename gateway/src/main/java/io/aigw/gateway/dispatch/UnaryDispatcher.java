package io.aigw.gateway.dispatch;

import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Calls a plugin's unary handler on its own virtual thread, so the gateway can give up after
 * {@code PLUGIN_ENDPOINT_UNARY_TIMEOUT} (504) while the plugin is interrupted and told it is
 * cancelled.
 */
final class UnaryDispatcher {

    private static final System.Logger LOG = System.getLogger(UnaryDispatcher.class.getName());

    private final Duration timeout;

    UnaryDispatcher(Duration timeout) {
        this.timeout = timeout;
    }

    void dispatch(CustomEndpointHandler handler, String pluginName, EndpointRequest request, ServerResponse res) {
        String requestId = request.context().requestId();
        AtomicBoolean cancelled = new AtomicBoolean();
        GatewayRequestContext context = new GatewayRequestContext(requestId,
                System.getLogger("plugin." + pluginName), cancelled::get);
        FutureTask<EndpointResponse> call = new FutureTask<>(() -> handler.handleEndpointRequest(context, request));
        Thread worker = Thread.ofVirtual().start(call);
        EndpointResponse response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancelled.set(true);
            worker.interrupt();
            LOG.log(WARNING, "[{0}] plugin {1} did not answer within {2}", requestId, pluginName, timeout);
            JsonErrors.send(res, 504, "plugin did not answer within " + timeout.toSeconds() + "s");
            return;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
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
                    LOG.log(WARNING, "[" + requestId + "] plugin " + pluginName + " failed", e.getCause());
                    JsonErrors.send(res, 502, "plugin failed to handle the request");
                }
            }
            return;
        } catch (InterruptedException e) {
            cancelled.set(true);
            worker.interrupt();
            Thread.currentThread().interrupt();
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
}
