package io.aigw.runtime;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Unix domain socket transport end to end: server, handshake address, client channel. */
class UnixSocketTest {

    @Test
    void aPluginServedOnAUnixSocketAnswers() throws Exception {
        Assumptions.assumeTrue(Sockets.unixSocketsAvailable(), "epoll (Linux) needed for Unix sockets");
        CustomEndpointHandler plugin = () -> List.of(EndpointRegistration.builder("/*").methods("GET").build());
        try (PluginServer server = PluginServer.start(plugin, "1.0", Handshake.Network.UNIX, null, 1 << 20, () -> { })) {
            Handshake handshake = Handshake.parse(server.handshake().line());
            assertEquals(Handshake.Network.UNIX, handshake.network());
            ManagedChannel channel = Sockets.channel(handshake.network(), handshake.address()).usePlaintext().build();
            try {
                var stub = PluginServiceGrpc.newBlockingStub(channel);
                stub.ping(PingRequest.getDefaultInstance());
                assertEquals("/*", stub.getEndpointRegistrations(GetEndpointRegistrationsRequest.getDefaultInstance())
                        .getRegistrations(0).getPath());
            } finally {
                channel.shutdownNow();
            }
        }
    }

    /**
     * HTTP/2 stacks other than grpc-java's (Node's, for one) refuse a {@code /} in {@code :authority}
     * with a PROTOCOL_ERROR: a socket path must never be sent as the authority.
     */
    @Test
    void callsOnAUnixSocketCarryTheAuthorityLocalhost() throws Exception {
        Assumptions.assumeTrue(Sockets.unixSocketsAvailable(), "epoll (Linux) needed for Unix sockets");
        Path dir = Sockets.privateSocketDirectory();
        String socket = dir.resolve("plugin.sock").toString();
        List<String> authorities = new CopyOnWriteArrayList<>();
        ServerInterceptor recordAuthority = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                authorities.add(String.valueOf(call.getAuthority()));
                return next.startCall(call, headers);
            }
        };
        CustomEndpointHandler plugin = List::of;
        Server server = Sockets.server(Handshake.Network.UNIX, socket)
                .addService(ServerInterceptors.intercept(new PluginGrpcService(plugin, "1.0", () -> { }),
                        recordAuthority))
                .build().start();
        ManagedChannel channel = Sockets.channel(Handshake.Network.UNIX, socket).usePlaintext().build();
        try {
            PluginServiceGrpc.newBlockingStub(channel).ping(PingRequest.getDefaultInstance());
            assertEquals(List.of("localhost"), authorities);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
            Sockets.deleteSocketDirectory(dir);
        }
    }
}
