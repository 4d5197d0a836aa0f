package io.aigw.runtime;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
