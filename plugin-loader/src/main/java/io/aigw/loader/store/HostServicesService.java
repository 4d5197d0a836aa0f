package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import io.aigw.runtime.StoreStatus;
import io.aigw.runtime.proto.HostServicesGrpc;
import io.aigw.runtime.proto.StoreDeleteRequest;
import io.aigw.runtime.proto.StoreDeleteResponse;
import io.aigw.runtime.proto.StoreGetRequest;
import io.aigw.runtime.proto.StoreGetResponse;
import io.aigw.runtime.proto.StoreListRequest;
import io.aigw.runtime.proto.StoreListResponse;
import io.aigw.runtime.proto.StorePutRequest;
import io.aigw.runtime.proto.StorePutResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The HostServices calls, each against the store of the session its token opened ({@link TokenCheck}).
 * The store checks keys and sizes itself; its refusals travel back as statuses ({@link StoreStatus}).
 */
final class HostServicesService extends HostServicesGrpc.HostServicesImplBase {

    private static final System.Logger LOG = System.getLogger(HostServicesService.class.getName());

    private final HostServices services;

    HostServicesService(HostServices services) {
        this.services = services;
    }

    @Override
    public void storeGet(StoreGetRequest request, StreamObserver<StoreGetResponse> response) {
        answer(response, () -> store().get(request.getKey())
                .map(v -> StoreGetResponse.newBuilder().setFound(true)
                        .setValue(com.google.protobuf.ByteString.copyFrom(v)).build())
                .orElse(StoreGetResponse.getDefaultInstance()));
    }

    @Override
    public void storePut(StorePutRequest request, StreamObserver<StorePutResponse> response) {
        answer(response, () -> {
            store().put(request.getKey(), request.getValue().toByteArray());
            return StorePutResponse.getDefaultInstance();
        });
    }

    @Override
    public void storeDelete(StoreDeleteRequest request, StreamObserver<StoreDeleteResponse> response) {
        answer(response, () -> StoreDeleteResponse.newBuilder().setDeleted(store().delete(request.getKey())).build());
    }

    @Override
    public void storeList(StoreListRequest request, StreamObserver<StoreListResponse> response) {
        answer(response, () -> {
            int limit = request.getLimit() == 0 ? StoreLimits.DEFAULT_PAGE_SIZE
                    : (int) Math.min(request.getLimit(), StoreLimits.MAX_PAGE_SIZE);
            String startAfter = request.getStartAfter().isEmpty() ? null : request.getStartAfter();
            StoreListResponse.Builder page = StoreListResponse.newBuilder();
            String next;
            if (request.getKeysOnly()) {
                StorePage<String> keys = store().keys(request.getPrefix(), startAfter, limit);
                keys.items().forEach(k -> page.addEntries(io.aigw.runtime.proto.StoreEntry.newBuilder().setKey(k)));
                next = keys.next();
            } else {
                StorePage<StoreEntry> entries = store().entries(request.getPrefix(), startAfter, limit);
                entries.items().forEach(e -> page.addEntries(io.aigw.runtime.proto.StoreEntry.newBuilder()
                        .setKey(e.key()).setValue(com.google.protobuf.ByteString.copyFrom(e.value()))));
                next = entries.next();
            }
            return page.setNextStartAfter(next == null ? "" : next).build();
        });
    }

    private static PluginStore store() {
        return TokenCheck.SESSION.get().store();
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (PluginStoreException e) {
            response.onError(StoreStatus.of(e).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.log(WARNING, "host-services call of " + TokenCheck.SESSION.get().pluginName() + " failed", e);
            response.onError(Status.INTERNAL.withDescription("the host failed: " + e.getClass().getSimpleName())
                    .asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
