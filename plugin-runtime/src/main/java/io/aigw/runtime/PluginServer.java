package io.aigw.runtime;

import io.aigw.plugin.api.Plugin;
import io.grpc.Server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A plugin served over gRPC on one address; what {@link ExternalPluginMain} runs. */
public final class PluginServer implements AutoCloseable {

    private final Server server;
    private final Handshake handshake;

    private PluginServer(Server server, Handshake handshake) {
        this.server = server;
        this.handshake = handshake;
    }

    /**
     * Starts serving {@code plugin}.
     *
     * @param address         {@code host:port} for tcp (null: loopback, any free port), a socket path
     *                        for unix (null: a fresh one in the temp directory)
     * @param maxMessageBytes largest request accepted (a request carries the whole HTTP body)
     * @param onShutdown      run after the gateway's Shutdown call has shut the plugin down
     */
    public static PluginServer start(Plugin plugin, String version, Handshake.Network network, String address,
                                     int maxMessageBytes, Runnable onShutdown) throws IOException {
        if (network == Handshake.Network.UNIX && address == null) {
            Path dir = Files.createTempDirectory("aigw-plugin-");
            dir.toFile().deleteOnExit();
            address = dir.resolve("plugin.sock").toString();
        }
        // gRPC's callbacks run on the transport's threads: the service never blocks in them, it
        // hands plugin code to a virtual thread of its own (one per call, not one per callback).
        Server server = Sockets.server(network, address)
                .directExecutor()
                .maxInboundMessageSize(maxMessageBytes)
                .addService(new PluginGrpcService(plugin, version, onShutdown))
                .build()
                .start();
        String announced = switch (network) {
            case TCP -> {
                InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().getFirst();
                String host = bound.getAddress().getHostAddress();
                yield (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
            }
            case UNIX -> address;
        };
        Handshake handshake = new Handshake(Handshake.PROTOCOL_VERSION, network, announced);
        PluginGrpcService.logStarted(handshake);
        return new PluginServer(server, handshake);
    }

    public Handshake handshake() {
        return handshake;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops taking calls, gives running ones {@code graceMs} to finish, then cuts them. */
    public void stop(long graceMs) {
        server.shutdown();
        try {
            if (!server.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
