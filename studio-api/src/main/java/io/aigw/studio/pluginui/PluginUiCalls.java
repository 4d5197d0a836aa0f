package io.aigw.studio.pluginui;

import io.aigw.loader.host.CapabilityCall;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginFailedException;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginTimeoutException;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.UiRpcRefusedException;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.plugins.PluginRow;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The control plane's calls to a plugin's UI and config-schema capabilities, each bounded and
 * isolated ({@link PluginHost#call}) and answered as a browser should hear it: a plugin that is not
 * active or lacks the capability is a 404, one meant to run but not serving a 503, a late answer a
 * 504, a refused RPC call the plugin's own 400/403/404 with its message, and any other failure a
 * 502 whose details stay in the log (they may hold what a user must not see).
 */
public final class PluginUiCalls {

    private static final Logger LOG = Logger.getLogger(PluginUiCalls.class.getName());

    private final PluginHost host;
    private final Duration timeout;

    public PluginUiCalls(PluginHost host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /** Whether {@code plugin}'s serving generation has capability {@code type}; empty when none serves. */
    public Optional<Boolean> has(PluginRow plugin, Class<? extends Plugin> type) {
        if (!plugin.isActive()) {
            return Optional.empty();
        }
        return host.entries().stream().filter(e -> e.spec().id() == plugin.id()).findFirst()
                .map(PluginEntry::serving).map(g -> g.capability(type).isPresent());
    }

    /**
     * Calls capability {@code type} of {@code plugin}; {@code what} completes "plugin 'x' (id n)
     * could not ..." in messages, e.g. "serve asset 'ui/a.js'".
     */
    public <C extends Plugin, T> T call(PluginRow plugin, Class<C> type, String noCapability, String what,
                                        CapabilityCall<? super C, T> call) {
        String name = describe(plugin);
        if (!plugin.isActive()) {
            throw ApiException.notFound(name + " is not active");
        }
        PluginEntry entry = host.entries().stream().filter(e -> e.spec().id() == plugin.id()).findFirst()
                .orElse(null);
        if (entry == null || entry.serving() == null) {
            String state = entry == null ? "not loaded" : entry.status().state().label();
            throw new ApiException(503, name + " is not serving right now (" + state + ")");
        }
        if (entry.serving().capability(type).isEmpty()) {
            throw ApiException.notFound(name + " " + noCapability);
        }
        try {
            return host.call(plugin.id(), type, timeout, call);
        } catch (PluginTimeoutException e) {
            throw new ApiException(504, name + " did not " + what + " within " + timeout.toMillis() + " ms");
        } catch (PluginUnavailableException e) {
            throw new ApiException(503, name + " could not " + what + ": it is not available right now");
        } catch (PluginFailedException e) {
            if (e.getCause() instanceof UiRpcRefusedException refused) {
                throw new ApiException(refused.reason().httpStatus(), String.valueOf(refused.getMessage()));
            }
            LOG.log(Level.WARNING, name + " could not " + what + ": " + e.getMessage(), e.getCause());
            throw new ApiException(502, name + " failed to " + what + " (details are in the control plane's log)");
        }
    }

    /** The 502 for an answer that cannot be passed on (too large, not JSON, a forbidden content type). */
    public static ApiException badAnswer(PluginRow plugin, String what, String why) {
        LOG.warning(() -> describe(plugin) + ": unusable answer to " + what + ": " + why);
        return new ApiException(502, describe(plugin) + " gave an unusable answer to " + what + ": " + why);
    }

    static String describe(PluginRow plugin) {
        return "plugin '" + plugin.name() + "' (id " + plugin.id() + ")";
    }
}
