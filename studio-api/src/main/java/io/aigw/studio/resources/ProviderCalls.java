package io.aigw.studio.resources;

import io.aigw.loader.host.PluginFailedException;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.PluginTimeoutException;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.studio.http.ApiException;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The control plane's calls to Resource Provider plugins. Each is bounded and isolated (through
 * {@link PluginHost#call}) and fails closed: a provider that is not loaded, fails or is too slow
 * refuses the API call with 503 naming the plugin, so nothing is written on a guess. A selection
 * the plugin rejects is the user's 400, with the plugin's message, and so is a creation payload it
 * refuses.
 */
public final class ProviderCalls {

    private static final Logger LOG = Logger.getLogger(ProviderCalls.class.getName());

    private final PluginHost host;
    private final Duration timeout;

    public ProviderCalls(PluginHost host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /** Calls plugin {@code pluginId}'s provider with a fresh request context. */
    public <T> T call(long pluginId, String what, ProviderCall<T> call) {
        RequestContext context = BasicRequestContext.of(UUID.randomUUID().toString(),
                BasicPluginContext.loggerFor(pluginName(pluginId)));
        try {
            return host.call(pluginId, ResourceProvider.class, timeout, p -> call.apply(p, context));
        } catch (PluginFailedException e) {
            if (e.getCause() instanceof ResourceSelectionRejectedException rejected) {
                throw ApiException.badRequest(rejected.getMessage());
            }
            if (e.getCause() instanceof ResourcePayloadRejectedException refused) {
                throw ApiException.badRequest("resource provider plugin '" + pluginName(pluginId) + "' refused the "
                        + "payload: " + refused.getMessage());
            }
            LOG.log(Level.WARNING, what + ": " + e.getMessage(), e.getCause());
            throw unavailable(pluginId, what, "it failed: " + e.getMessage());
        } catch (PluginTimeoutException e) {
            throw unavailable(pluginId, what, "it did not answer within " + timeout.toMillis() + " ms");
        } catch (PluginUnavailableException e) {
            throw unavailable(pluginId, what, e.getMessage());
        }
    }

    /**
     * The 503 for an answer plugin {@code pluginId} gave that cannot be used (say, a privacy score
     * out of range): like a failed call, nothing is written on it.
     */
    public ApiException invalidAnswer(long pluginId, String what, String why) {
        return unavailable(pluginId, what, "its answer is invalid: " + why);
    }

    /**
     * Fails closed (503 naming the plugin) when plugin {@code pluginId} is meant to run but is not
     * serving (starting, failed, restarting): its types read inactive meanwhile, but the caller
     * should hear that the provider is down, not that the type is gone. Does nothing for a plugin
     * the host does not run (deactivated or deleted): its types are inactive for good.
     */
    public void requireServingIfLoaded(long pluginId, String what) {
        host.status(pluginId).filter(status -> status.state() != PluginState.RUNNING).ifPresent(status -> {
            throw unavailable(pluginId, what, "it is " + status.state().label()
                    + (status.error() == null ? "" : " (" + status.error() + ")"));
        });
    }

    private ApiException unavailable(long pluginId, String what, String why) {
        return new ApiException(503, "resource provider plugin '" + pluginName(pluginId) + "' (id " + pluginId
                + ") could not " + what + ": " + why);
    }

    private String pluginName(long pluginId) {
        return host.entries().stream().filter(e -> e.spec().id() == pluginId).map(e -> e.spec().name())
                .findFirst().orElse(String.valueOf(pluginId));
    }

    /** One provider call with the request context made for it. */
    @FunctionalInterface
    public interface ProviderCall<T> {
        T apply(ResourceProvider provider, RequestContext context) throws Exception;
    }
}
