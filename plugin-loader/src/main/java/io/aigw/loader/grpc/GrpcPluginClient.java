package io.aigw.loader.grpc;

import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.PluginContext;
import io.aigw.runtime.Capabilities;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.ShutdownRequest;

import java.util.List;
import java.util.Map;

/**
 * An external plugin's lifecycle behind {@link Plugin}: Initialize (which also tells what the
 * plugin can do: its announced capabilities) and Shutdown. What it can do is served by
 * {@link GrpcEndpointClient} and {@link GrpcResourceClient}, and offered only when announced.
 */
final class GrpcPluginClient implements Plugin {

    private final GrpcCalls calls;
    private final boolean ownsProcess;
    private volatile String version = "";
    private volatile List<String> announced = List.of();

    /**
     * @param ownsProcess whether the gateway started the plugin; only then does its shutdown tell
     *                    the plugin to exit (a grpc:// plugin is someone else's to stop)
     */
    GrpcPluginClient(GrpcCalls calls, boolean ownsProcess) {
        this.calls = calls;
        this.ownsProcess = ownsProcess;
    }

    String version() {
        return version;
    }

    /** Whether Initialize announced {@code capability} (see {@link Capabilities}); false before it. */
    boolean announced(String capability) {
        return announced.contains(capability);
    }

    /** Whether small unary calls go over the EndpointCalls stream. */
    boolean usesCallStreams() {
        return announced(Capabilities.ENDPOINT_CALL_STREAM);
    }

    @Override
    public void initialize(PluginContext context, Map<String, String> config) throws Exception {
        InitializeResponse response = calls.call("Initialize", calls.settings().handshakeTimeout(), s -> s.initialize(
                InitializeRequest.newBuilder().putAllConfig(config).setPluginName(context.pluginName())
                        .setProtocolVersion(Handshake.PROTOCOL_VERSION).build()));
        version = response.getPluginVersion();
        announced = List.copyOf(response.getCapabilitiesList());
    }

    @Override
    public void shutdown() throws Exception {
        if (ownsProcess) {
            calls.call("Shutdown", calls.settings().handshakeTimeout(),
                    s -> s.shutdown(ShutdownRequest.getDefaultInstance()));
        }
    }
}
