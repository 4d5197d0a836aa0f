package io.aigw.runtime;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.aigw.runtime.proto.HostServicesGrpc;
import io.aigw.runtime.proto.StoreDeleteRequest;
import io.aigw.runtime.proto.StoreGetRequest;
import io.aigw.runtime.proto.StoreGetResponse;
import io.aigw.runtime.proto.StoreListRequest;
import io.aigw.runtime.proto.StoreListResponse;
import io.aigw.runtime.proto.StorePutRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An external plugin's {@link PluginStore}: calls to the host's HostServices (host.proto) over the
 * channel named in InitializeRequest, each with a deadline, carrying the token that identifies the
 * plugin. Arguments are checked here first, so a bad key fails without a round trip, with the
 * message an in-process plugin would get.
 */
public final class HostStoreClient implements PluginStore, AutoCloseable {

    /** The metadata every host-services call carries: {@code authorization: Bearer <token>}. */
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    public static final String BEARER = "Bearer ";
    /** How long one store call may take before it fails as unavailable. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Room for keys and framing on top of a message's values. */
    public static final int MESSAGE_HEADROOM_BYTES = 1 << 20;

    private final ManagedChannel channel;
    private final HostServicesGrpc.HostServicesBlockingStub stub;
    private final Duration timeout;

    private HostStoreClient(ManagedChannel channel, String token, Duration timeout) {
        this.channel = channel;
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, BEARER + token);
        this.stub = HostServicesGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withMaxOutboundMessageSize(StoreLimits.MAX_VALUE_BYTES + MESSAGE_HEADROOM_BYTES);
        this.timeout = timeout;
    }

    /** A client of the host services at {@code endpoint}, presenting its token. */
    public static HostStoreClient connect(HostServicesEndpoint endpoint, Duration timeout) {
        Handshake.Network network = switch (endpoint.getNetwork()) {
            case "unix" -> Handshake.Network.UNIX;
            case "tcp" -> Handshake.Network.TCP;
            default -> throw new IllegalArgumentException("unknown host-services network '" + endpoint.getNetwork()
                    + "' (expected unix or tcp)");
        };
        ManagedChannel channel = Sockets.channel(network, endpoint.getAddress())
                .usePlaintext()
                .maxInboundMessageSize(StoreLimits.MAX_PAGE_BYTES + MESSAGE_HEADROOM_BYTES)
                .build();
        return new HostStoreClient(channel, endpoint.getToken(), timeout);
    }

    @Override
    public Optional<byte[]> get(String key) {
        StoreLimits.checkKey(key);
        StoreGetResponse response = call("StoreGet", s -> s.storeGet(StoreGetRequest.newBuilder().setKey(key).build()));
        return response.getFound() ? Optional.of(response.getValue().toByteArray()) : Optional.empty();
    }

    @Override
    public void put(String key, byte[] value) {
        StoreLimits.checkKey(key);
        StoreLimits.checkValue(key, value);
        call("StorePut", s -> s.storePut(StorePutRequest.newBuilder().setKey(key)
                .setValue(com.google.protobuf.ByteString.copyFrom(value)).build()));
    }

    @Override
    public boolean delete(String key) {
        StoreLimits.checkKey(key);
        return call("StoreDelete", s -> s.storeDelete(StoreDeleteRequest.newBuilder().setKey(key).build()))
                .getDeleted();
    }

    @Override
    public StorePage<String> keys(String prefix, String startAfter, int limit) {
        StoreListResponse page = list(prefix, startAfter, limit, true);
        return new StorePage<>(page.getEntriesList().stream().map(io.aigw.runtime.proto.StoreEntry::getKey).toList(),
                next(page));
    }

    @Override
    public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        StoreListResponse page = list(prefix, startAfter, limit, false);
        return new StorePage<>(page.getEntriesList().stream()
                .map(e -> new StoreEntry(e.getKey(), e.getValue().toByteArray())).toList(), next(page));
    }

    private StoreListResponse list(String prefix, String startAfter, int limit, boolean keysOnly) {
        String checkedPrefix = StoreLimits.checkPrefix(prefix);
        if (startAfter != null) {
            StoreLimits.checkKey(startAfter);
        }
        int size = StoreLimits.pageSize(limit);
        return call("StoreList", s -> s.storeList(StoreListRequest.newBuilder().setPrefix(checkedPrefix)
                .setStartAfter(startAfter == null ? "" : startAfter).setLimit(size).setKeysOnly(keysOnly).build()));
    }

    private static String next(StoreListResponse page) {
        return page.getNextStartAfter().isEmpty() ? null : page.getNextStartAfter();
    }

    private <T> T call(String what, Function<HostServicesGrpc.HostServicesBlockingStub, T> call) {
        try {
            return call.apply(stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw StoreStatus.toException(what, e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
