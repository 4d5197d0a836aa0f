package io.aigw.runtime;

import io.aigw.plugin.api.InvalidStoreKeyException;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.aigw.runtime.proto.HostServicesGrpc;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.aigw.runtime.proto.StoreEntry;
import io.aigw.runtime.proto.StoreGetRequest;
import io.aigw.runtime.proto.StoreGetResponse;
import io.aigw.runtime.proto.StoreListRequest;
import io.aigw.runtime.proto.StoreListResponse;
import io.aigw.runtime.proto.StorePutRequest;
import io.aigw.runtime.proto.StorePutResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin side of the host-services channel against a stand-in host: what Initialize hands the
 * plugin as its store, the token on every call, deadlines, local checks, and how the host's
 * statuses come back as the plugin-api's store exceptions.
 */
class HostStoreClientTest {

    /** Answers by key: "v" is stored, "full" overflows the quota, "edge" has no storage, "slow" never answers. */
    static final class FakeHost extends HostServicesGrpc.HostServicesImplBase {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void storeGet(StoreGetRequest request, StreamObserver<StoreGetResponse> response) {
            calls.add("get " + request.getKey() + " deadline=" + (Context.current().getDeadline() != null));
            switch (request.getKey()) {
                case "v" -> {
                    response.onNext(StoreGetResponse.newBuilder().setFound(true)
                            .setValue(com.google.protobuf.ByteString.copyFromUtf8("value")).build());
                    response.onCompleted();
                }
                case "edge" -> response.onError(Status.UNAVAILABLE
                        .withDescription("plugin storage is only available on the control plane").asRuntimeException());
                case "slow" -> { } // never answers
                default -> {
                    response.onNext(StoreGetResponse.getDefaultInstance());
                    response.onCompleted();
                }
            }
        }

        @Override
        public void storePut(StorePutRequest request, StreamObserver<StorePutResponse> response) {
            calls.add("put " + request.getKey());
            if (request.getKey().equals("full")) {
                response.onError(Status.RESOURCE_EXHAUSTED.withDescription("this plugin's store is full")
                        .asRuntimeException());
                return;
            }
            response.onNext(StorePutResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void storeList(StoreListRequest request, StreamObserver<StoreListResponse> response) {
            calls.add("list " + request.getPrefix() + " after=" + request.getStartAfter() + " limit="
                    + request.getLimit() + " keys_only=" + request.getKeysOnly());
            response.onNext(StoreListResponse.newBuilder()
                    .addEntries(StoreEntry.newBuilder().setKey("a/1").setValue(
                            com.google.protobuf.ByteString.copyFromUtf8(request.getKeysOnly() ? "" : "one")))
                    .setNextStartAfter("a/1").build());
            response.onCompleted();
        }
    }

    private final FakeHost host = new FakeHost();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Server server;
    private HostServicesEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        ServerInterceptor recordToken = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                authorizations.add(String.valueOf(headers.get(HostStoreClient.AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        server = Sockets.server(Handshake.Network.TCP, null)
                .addService(ServerInterceptors.intercept(host, recordToken)).build().start();
        endpoint = HostServicesEndpoint.newBuilder().setNetwork("tcp")
                .setAddress("127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().getFirst()).getPort())
                .setToken("the-token").build();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void callsCarryTheTokenAndADeadlineAndMapAnswersBack() {
        try (HostStoreClient store = HostStoreClient.connect(endpoint, Duration.ofSeconds(10))) {
            assertEquals(Optional.of("value"), store.getString("v"));
            assertEquals(Optional.empty(), store.get("other"));
            store.putString("k", "v");
            var page = store.entries("a/", null, 5000);
            assertEquals("a/1", page.items().getFirst().key());
            assertEquals("one", new String(page.items().getFirst().value()));
            assertEquals("a/1", page.next());
            assertEquals(List.of("a/1"), store.keys("a/", "a/0", 10).items());
            assertEquals(List.of("get v deadline=true", "get other deadline=true", "put k",
                    "list a/ after= limit=1000 keys_only=false", "list a/ after=a/0 limit=10 keys_only=true"),
                    host.calls);
            assertTrue(authorizations.stream().allMatch("Bearer the-token"::equals), authorizations.toString());
        }
    }

    @Test
    void theHostsRefusalsBecomeThePluginApisExceptions() {
        try (HostStoreClient store = HostStoreClient.connect(endpoint, Duration.ofMillis(300))) {
            var full = assertThrows(StoreLimitExceededException.class, () -> store.putString("full", "v"));
            assertEquals("this plugin's store is full", full.getMessage());
            var edge = assertThrows(StoreUnavailableException.class, () -> store.get("edge"));
            assertEquals("plugin storage is only available on the control plane", edge.getMessage());
            var slow = assertThrows(StoreUnavailableException.class, () -> store.get("slow"));
            assertEquals("StoreGet got no answer from the host in time", slow.getMessage());
        }
        server.shutdownNow();
        try (HostStoreClient gone = HostStoreClient.connect(endpoint, Duration.ofSeconds(5))) {
            var e = assertThrows(StoreUnavailableException.class, () -> gone.get("v"));
            assertTrue(e.getMessage().startsWith("StoreGet cannot reach the host: "), e.getMessage());
        }
    }

    @Test
    void badArgumentsFailBeforeAnyCall() {
        try (HostStoreClient store = HostStoreClient.connect(endpoint, Duration.ofSeconds(10))) {
            assertThrows(InvalidStoreKeyException.class, () -> store.putString("x".repeat(257), "v"));
            assertThrows(InvalidStoreKeyException.class, () -> store.get("tab\there"));
            assertThrows(StoreLimitExceededException.class, () -> store.put("big", new byte[(1 << 20) + 1]));
            assertThrows(IllegalArgumentException.class, () -> store.keys("", null, 0));
        }
        assertEquals(List.of(), host.calls);
    }

    @Test
    void initializeHandsThePluginAStoreOnTheChannelItNames() throws Exception {
        AtomicReference<PluginStore> seen = new AtomicReference<>();
        Plugin plugin = new Plugin() {
            @Override
            public void initialize(PluginContext context, Map<String, String> config) {
                seen.set(context.store());
            }
        };
        try (PluginServer served = PluginServer.start(plugin, "1", Handshake.Network.TCP, null, 1 << 20, () -> { })) {
            ManagedChannel channel = Sockets.channel(Handshake.Network.TCP, served.handshake().address())
                    .usePlaintext().build();
            try {
                var stub = PluginServiceGrpc.newBlockingStub(channel);
                stub.initialize(InitializeRequest.newBuilder().setPluginName("p").build());
                var none = assertThrows(StoreUnavailableException.class, () -> seen.get().get("v"));
                assertTrue(none.getMessage().startsWith("the gateway offered no host-services channel"),
                        none.getMessage());

                stub.initialize(InitializeRequest.newBuilder().setPluginName("p").setHostServices(endpoint).build());
                assertNotNull(seen.get());
                assertEquals(Optional.of("value"), seen.get().getString("v"));
                assertEquals(List.of("Bearer the-token"), authorizations);
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
