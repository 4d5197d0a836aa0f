package io.aigw.loader.grpc;

import io.aigw.loader.command.InvalidPluginCommandException;
import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLauncher;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;
import io.aigw.loader.store.HostServices;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Sockets;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.ManagedChannel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.System.Logger.Level.INFO;

/**
 * Makes {@code file:///abs/path} (start the binary, read its handshake) and {@code grpc://host:port}
 * (a plugin someone else runs) live over gRPC. A binary's manifest, {@code <binary>.json} beside it,
 * is read first when present: an invalid one fails the load; its version stands in when Initialize
 * reports none. Initialize (and GetEndpointRegistrations, only for a plugin that announced
 * custom_endpoint) then go through the client like any plugin call, under the host's time limit.
 */
public final class ExternalPluginLauncher implements PluginLauncher {

    private static final System.Logger LOG = System.getLogger(ExternalPluginLauncher.class.getName());
    /** Connections per plugin (see {@link ChannelPool}). */
    private static final int CONNECTIONS = 2;

    private final ExternalPluginSettings settings;
    private final HostServices hostServices;

    public ExternalPluginLauncher(ExternalPluginSettings settings) {
        this(settings, new HostServices());
    }

    /**
     * @param hostServices the channel the plugins this launcher starts call back on for their
     *                     store; it listens while any of them is loaded
     */
    public ExternalPluginLauncher(ExternalPluginSettings settings, HostServices hostServices) {
        this.settings = settings;
        this.hostServices = hostServices;
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public boolean handles(String command) {
        return command.startsWith(PluginCommand.Binary.PREFIX) || command.startsWith(PluginCommand.Remote.PREFIX);
    }

    @Override
    public LoadedPlugin launch(PluginSpec spec) throws PluginLoadException {
        PluginCommand command;
        try {
            command = PluginCommand.parse(spec.command());
        } catch (InvalidPluginCommandException e) {
            throw new PluginLoadException(e.getMessage(), e);
        }
        if (command instanceof PluginCommand.Remote remote) {
            return connect(spec.name(), Handshake.Network.TCP, remote.address(), null, "");
        }
        if (!(command instanceof PluginCommand.Binary(Path binary))) {
            throw new PluginLoadException("not an external plugin command: " + command);
        }
        String manifestVersion;
        try {
            manifestVersion = ManifestReader.besideBinary(binary).map(PluginManifest::version).orElse("");
        } catch (InvalidManifestException e) {
            throw new PluginLoadException(e.getMessage(), e);
        }
        PluginProcess.Started started = PluginProcess.start(spec.name(), binary, settings);
        Handshake handshake = started.handshake();
        LOG.log(INFO, "Plugin {0}: process {1,number,#} listening on {2} {3}", spec.name(),
                started.process().pid(), handshake.network().label(), handshake.address());
        try {
            return connect(spec.name(), handshake.network(), handshake.address(), started.process(),
                    manifestVersion);
        } catch (PluginLoadException | RuntimeException e) {
            started.process().stop(java.time.Duration.ZERO);
            throw e;
        }
    }

    private LoadedPlugin connect(String name, Handshake.Network network, String address, PluginProcess process,
                                 String manifestVersion) throws PluginLoadException {
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                channels.add(Sockets.channel(network, address)
                        .usePlaintext()
                        // a plugin call is never replayed: requests are not idempotent in general,
                        // and retry buffering costs on every call
                        .disableRetry()
                        .maxInboundMessageSize(settings.maxMessageBytes())
                        .build());
            }
        } catch (RuntimeException e) {
            channels.forEach(ManagedChannel::shutdownNow);
            throw new PluginLoadException("cannot connect to " + network.label() + " " + address + ": "
                    + e.getMessage(), e);
        }
        ChannelPool pool = new ChannelPool(channels);
        var stub = PluginServiceGrpc.newBlockingStub(pool).withMaxOutboundMessageSize(settings.maxMessageBytes());
        GrpcCalls calls = new GrpcCalls(network.label() + " " + address, pool, stub, settings);
        return new ExternalPlugin(pool, process, calls, hostServices,
                new HealthWatch(name, stub, process, settings), manifestVersion);
    }
}
