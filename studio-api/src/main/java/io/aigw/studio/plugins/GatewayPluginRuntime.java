package io.aigw.studio.plugins;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.PluginReport;
import io.aigw.studio.http.ApiException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/** {@link PluginRuntime} over the embedded gateway. */
public final class GatewayPluginRuntime implements PluginRuntime {

    // TEMPORARY: Gateway.reload(long) is promised but not written yet; looked up so this module
    // compiles against the gateway as it is today. Replace with a direct call once it exists.
    private static final MethodHandle RELOAD = findReload();

    private final Gateway gateway;

    public GatewayPluginRuntime(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Optional<PluginReport> report(long pluginId) {
        return gateway.pluginReport(pluginId);
    }

    @Override
    public void reload(long pluginId) {
        if (RELOAD == null) {
            throw new ApiException(501, "this gateway cannot reload a single plugin yet");
        }
        try {
            RELOAD.invoke(gateway, pluginId);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle findReload() {
        try {
            return MethodHandles.publicLookup().findVirtual(Gateway.class, "reload",
                    MethodType.methodType(void.class, long.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
