package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.runtime.HostStoreClient;
import io.aigw.runtime.Sockets;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.aigw.runtime.proto.HostServicesGrpc;
import io.aigw.runtime.proto.StoreGetRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store as an external plugin reaches it: {@link HostStoreClient} calling the host's
 * {@link HostServices} with its load's token. Keeps the same contract as in-process, and the token
 * alone decides whose keys a call reaches.
 */
class HostServicesTest extends PluginStoreContract {

    private final MemoryPluginStorage storage = new MemoryPluginStorage();
    private final HostServices services = new HostServices();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private HostStoreClient a;
    private HostStoreClient b;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        services.close();
    }

    private HostServices.Session session(long pluginId) throws Exception {
        HostServices.Session session = services.open("plugin-" + pluginId, storage.forPlugin(pluginId));
        opened.add(session);
        return session;
    }

    private HostStoreClient client(HostServicesEndpoint endpoint) {
        HostStoreClient client = HostStoreClient.connect(endpoint, Duration.ofSeconds(10));
        opened.add(client);
        return client;
    }

    @Override
    protected PluginStore pluginA() {
        try {
            if (a == null) {
                a = client(session(1).endpoint());
            }
            return a;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected PluginStore pluginB() {
        try {
            if (b == null) {
                b = client(session(2).endpoint());
            }
            return b;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachLoadGetsItsOwnSecretTokenOnAPrivateSocket() throws Exception {
        HostServicesEndpoint one = session(1).endpoint();
        HostServicesEndpoint two = session(1).endpoint();
        assertEquals(one.getAddress(), two.getAddress(), "one server per host");
        assertNotEquals(one.getToken(), two.getToken(), "a token per load");
        assertTrue(one.getToken().length() >= 43, "256 random bits: " + one.getToken().length());
        if (Sockets.unixSocketsAvailable()) {
            assertEquals("unix", one.getNetwork());
            Path dir = Path.of(one.getAddress()).getParent();
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir)), "only this user can reach the socket");
        } else {
            assertTrue(one.getAddress().startsWith("127.0.0.1:"), one.getAddress());
        }
        assertFalse(services.session(one.getToken()).toString().contains(one.getToken()), "never printed");
    }

    @Test
    void aForgedOrMissingTokenIsRefusedAndReachesNoStore() throws Exception {
        storage.forPlugin(1).putString("secret", "a's");
        HostServicesEndpoint real = session(2).endpoint();
        PluginStore forged = client(real.toBuilder().setToken("forged-" + real.getToken()).build());
        var refused = assertThrows(StoreUnavailableException.class, () -> forged.get("secret"));
        assertTrue(refused.getMessage().contains("the host refused this plugin's host-services token"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("unknown or revoked host-services token"), refused.getMessage());
        assertThrows(StoreUnavailableException.class, () -> forged.putString("secret", "overwritten"));

        ManagedChannel raw = channel(real);
        try {
            var noToken = assertThrows(StatusRuntimeException.class, () -> HostServicesGrpc.newBlockingStub(raw)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .storeGet(StoreGetRequest.newBuilder().setKey("secret").build()));
            assertEquals(Status.Code.UNAUTHENTICATED, noToken.getStatus().getCode());
        } finally {
            raw.shutdownNow();
        }
        assertEquals(Optional.of("a's"), storage.forPlugin(1).getString("secret"), "untouched");
        // plugin 2's own token reaches plugin 2's keys only: the request cannot name another plugin
        assertEquals(Optional.empty(), client(real).get("secret"));
    }

    @Test
    void theHostChecksKeysAndSizesItselfWhateverTheCallerSkipped() throws Exception {
        HostServicesEndpoint endpoint = session(1).endpoint();
        ManagedChannel raw = channel(endpoint);
        try {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            headers.put(HostStoreClient.AUTHORIZATION, HostStoreClient.BEARER + endpoint.getToken());
            var stub = HostServicesGrpc.newBlockingStub(raw)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            var longKey = assertThrows(StatusRuntimeException.class, () -> stub.storePut(
                    io.aigw.runtime.proto.StorePutRequest.newBuilder().setKey("k".repeat(300)).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, longKey.getStatus().getCode());
            assertEquals("a store key may be at most 256 bytes in UTF-8; this one is 300 bytes",
                    longKey.getStatus().getDescription());
            var big = assertThrows(StatusRuntimeException.class, () -> stub.storePut(
                    io.aigw.runtime.proto.StorePutRequest.newBuilder().setKey("big")
                            .setValue(com.google.protobuf.ByteString.copyFrom(new byte[(1 << 20) + 1])).build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, big.getStatus().getCode());
            // limit 0 means the default page; the host never sends more than the maximum
            var list = stub.storeList(io.aigw.runtime.proto.StoreListRequest.newBuilder().setLimit(0).build());
            assertEquals(0, list.getEntriesCount());
            assertEquals("", list.getNextStartAfter());
        } finally {
            raw.shutdownNow();
        }
        assertEquals(List.of(), storage.forPlugin(1).keys("", null, 10).items());
    }

    @Test
    void closingTheSessionRevokesItsTokenAndTheLastOneStopsTheServer() throws Exception {
        HostServices.Session first = session(1);
        HostServices.Session second = session(2);
        PluginStore store = client(first.endpoint());
        store.putString("k", "v");
        assertTrue(services.listening());
        first.close();
        var revoked = assertThrows(StoreUnavailableException.class, () -> store.get("k"));
        assertTrue(revoked.getMessage().contains("refused"), revoked.getMessage());
        assertTrue(services.listening(), "another plugin still holds a session");
        second.close();
        assertFalse(services.listening());
        assertEquals(0, services.openSessions());
        if (first.endpoint().getNetwork().equals("unix")) {
            assertFalse(Files.exists(Path.of(first.endpoint().getAddress()).getParent()), "socket directory removed");
        }
        // a later load starts it again
        PluginStore again = client(session(1).endpoint());
        assertEquals(Optional.of("v"), again.getString("k"));
    }

    @Test
    void aHostWithoutStorageAnswersWithItsReasonOverTheChannelToo() throws Exception {
        HostServices.Session session = services.open("edge-plugin",
                PluginStorage.unavailable("plugin storage is only available on the control plane").forPlugin(1));
        opened.add(session);
        PluginStore store = client(session.endpoint());
        var e = assertThrows(StoreUnavailableException.class, () -> store.putString("k", "v"));
        assertEquals("plugin storage is only available on the control plane", e.getMessage());
    }

    private static ManagedChannel channel(HostServicesEndpoint endpoint) {
        return Sockets.channel(endpoint.getNetwork().equals("unix") ? io.aigw.runtime.Handshake.Network.UNIX
                : io.aigw.runtime.Handshake.Network.TCP, endpoint.getAddress()).usePlaintext().build();
    }
}
