package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.HostStoreClient;
import io.aigw.runtime.Sockets;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.grpc.Server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.lang.System.Logger.Level.INFO;

/**
 * The host-services channel external plugins call back on (host.proto): one gRPC server per plugin
 * host, on a Unix socket in a directory only this user can enter (loopback tcp where there are no
 * Unix sockets). Each load of an external plugin gets a {@link Session}: a random token that the
 * server maps to that plugin's store, so the token a plugin presents decides whose keys it reaches,
 * and a plugin can never name another's. The server runs while any session is open.
 */
public final class HostServices implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HostServices.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** By the SHA-256 of the token: looking a guess up reveals nothing about the real tokens. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private Server server;
    private ExecutorService executor;
    private Path socketDirectory;
    private HostServicesEndpoint address;

    /** One plugin load's access: what its Initialize carries; closing it revokes the token. */
    public final class Session implements AutoCloseable {
        private final String pluginName;
        private final PluginStore store;
        private final String tokenHash;
        private final HostServicesEndpoint endpoint;

        private Session(String pluginName, PluginStore store, String tokenHash, HostServicesEndpoint endpoint) {
            this.pluginName = pluginName;
            this.store = store;
            this.tokenHash = tokenHash;
            this.endpoint = endpoint;
        }

        /** Where to call and the token to present: goes to the plugin in InitializeRequest. */
        public HostServicesEndpoint endpoint() {
            return endpoint;
        }

        String pluginName() {
            return pluginName;
        }

        PluginStore store() {
            return store;
        }

        @Override
        public void close() {
            release(this);
        }

        @Override
        public String toString() {
            return "host-services session of " + pluginName; // never the token
        }
    }

    /**
     * A session for one load of a plugin whose store is {@code store}; starts the server if it
     * is not running.
     *
     * @throws IOException when the server cannot listen
     */
    public synchronized Session open(String pluginName, PluginStore store) throws IOException {
        if (server == null) {
            start();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Session session = new Session(pluginName, store, hash(token),
                address.toBuilder().setToken(token).build());
        sessions.put(session.tokenHash, session);
        return session;
    }

    /** The session presenting {@code token}, or null for an unknown or revoked one. */
    Session session(String token) {
        return token == null ? null : sessions.get(hash(token));
    }

    /** How many sessions are open (plugin loads holding a token). */
    public int openSessions() {
        return sessions.size();
    }

    /** Whether the server is listening: only while a session is open. */
    public synchronized boolean listening() {
        return server != null;
    }

    private synchronized void release(Session session) {
        if (sessions.remove(session.tokenHash, session) && sessions.isEmpty()) {
            stop();
        }
    }

    private void start() throws IOException {
        Path dir = Sockets.privateSocketDirectory();
        Handshake.Network network = dir == null ? Handshake.Network.TCP : Handshake.Network.UNIX;
        String listenOn = dir == null ? null : dir.resolve("host.sock").toString();
        // store calls block on the database: one virtual thread each, never a transport thread
        ExecutorService calls = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("host-services-", 0).factory());
        Server started;
        try {
            started = Sockets.server(network, listenOn)
                    .executor(calls)
                    .maxInboundMessageSize(io.aigw.plugin.api.StoreLimits.MAX_VALUE_BYTES
                            + HostStoreClient.MESSAGE_HEADROOM_BYTES)
                    .addService(new HostServicesService(this))
                    .intercept(new TokenCheck(this))
                    .build()
                    .start();
        } catch (IOException | RuntimeException e) {
            calls.shutdownNow();
            if (dir != null) {
                Sockets.deleteSocketDirectory(dir);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        String announced = network == Handshake.Network.UNIX ? listenOn
                : "127.0.0.1:" + ((InetSocketAddress) started.getListenSockets().getFirst()).getPort();
        server = started;
        executor = calls;
        socketDirectory = dir;
        address = HostServicesEndpoint.newBuilder().setNetwork(network.label()).setAddress(announced).build();
        LOG.log(INFO, "Host services for external plugins on {0} {1}", network.label(), announced);
    }

    private void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        if (socketDirectory != null) {
            Sockets.deleteSocketDirectory(socketDirectory);
        }
        server = null;
        executor = null;
        socketDirectory = null;
        address = null;
    }

    /** Revokes every session and stops the server. */
    @Override
    public synchronized void close() {
        sessions.clear();
        stop();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
