package io.aigw.loader.grpc;

import io.aigw.loader.store.HostServices;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.PluginContext;
import io.aigw.runtime.Capabilities;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.ShutdownRequest;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.WARNING;

/**
 * An external plugin's lifecycle behind {@link Plugin}: Initialize (which also tells what the
 * plugin can do: its announced capabilities) and Shutdown. What it can do is served by
 * {@link GrpcEndpointClient} and {@link GrpcResourceClient}, and offered only when announced.
 */
final class GrpcPluginClient implements Plugin {

    private static final System.Logger LOG = System.getLogger(GrpcPluginClient.class.getName());

    private final GrpcCalls calls;
    private final boolean ownsProcess;
    private final HostServices hostServices;
    /** The host-services access of the current load; replaced by each Initialize. */
    private volatile HostServices.Session session;
    private volatile String version = "";
    private volatile List<String> announced = List.of();

    /**
     * @param ownsProcess whether the gateway started the plugin; only then does its shutdown tell
     *                    the plugin to exit (a grpc:// plugin is someone else's to stop)
     */
    GrpcPluginClient(GrpcCalls calls, boolean ownsProcess, HostServices hostServices) {
        this.calls = calls;
        this.ownsProcess = ownsProcess;
        this.hostServices = hostServices;
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

    /**
     * Sends Initialize with a fresh host-services session, so the plugin's store (the one the host
     * put in {@code context}) is reachable from its process under a token of this load only.
     */
    @Override
    public void initialize(PluginContext context, Map<String, String> config) throws Exception {
        InitializeRequest.Builder request = InitializeRequest.newBuilder().putAllConfig(config)
                .setPluginName(context.pluginName()).setProtocolVersion(Handshake.PROTOCOL_VERSION);
        closeSession();
        try {
            session = hostServices.open(context.pluginName(), context.store());
            request.setHostServices(session.endpoint());
        } catch (IOException e) {
            // the plugin still serves; its store calls say why they fail
            LOG.log(WARNING, "Plugin {0}: no host-services channel, so no store: {1}", context.pluginName(),
                    e.getMessage());
        }
        InitializeResponse response = calls.call("Initialize", calls.settings().handshakeTimeout(),
                s -> s.initialize(request.build()));
        version = response.getPluginVersion();
        announced = List.copyOf(response.getCapabilitiesList());
    }

    /** Revokes the current load's host-services token. */
    void closeSession() {
        HostServices.Session current = session;
        session = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void shutdown() throws Exception {
        if (ownsProcess) {
            calls.call("Shutdown", calls.settings().handshakeTimeout(),
                    s -> s.shutdown(ShutdownRequest.getDefaultInstance()));
        }
    }
}
