package io.aigw.runtime;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the two ends meet: loopback TCP everywhere, Unix domain sockets where epoll is available
 * (Linux). Addresses are written as in the handshake: {@code host:port} or a socket path.
 */
public final class Sockets {

    /** The {@code :authority} of every call on a Unix socket (see docs/plugin-protocol.md). */
    public static final String UNIX_AUTHORITY = "localhost";

    /** Unix sockets share one small event loop group per process; it lives as long as the process. */
    private static volatile EventLoopGroup epollGroup;
    /**
     * gRPC asks every connection for TCP keep-alive, which a Unix socket does not have, and Netty
     * warns about it once per connection. Held here: JUL keeps loggers only weakly.
     */
    private static final List<java.util.logging.Logger> QUIETED = Stream.of("Bootstrap", "ServerBootstrap")
            .map(name -> java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap." + name))
            .toList();

    private Sockets() {
    }

    public static NettyServerBuilder server(Handshake.Network network, String address) {
        return switch (network) {
            case TCP -> NettyServerBuilder.forAddress(tcpAddress(address == null ? "127.0.0.1:0" : address));
            case UNIX -> NettyServerBuilder.forAddress(new DomainSocketAddress(address))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(epoll()).workerEventLoopGroup(epoll());
        };
    }

    /**
     * A channel to a plugin. On a Unix socket the HTTP/2 {@code :authority} is {@value #UNIX_AUTHORITY}:
     * grpc-java would send the socket path, which is no valid authority (it has {@code /}) and which
     * other HTTP/2 stacks (Node's, for one) refuse with a PROTOCOL_ERROR before any plugin code runs.
     */
    public static NettyChannelBuilder channel(Handshake.Network network, String address) {
        return switch (network) {
            case TCP -> NettyChannelBuilder.forAddress(tcpAddress(address));
            case UNIX -> NettyChannelBuilder.forAddress(new DomainSocketAddress(address))
                    .channelType(EpollDomainSocketChannel.class).eventLoopGroup(epoll())
                    .overrideAuthority(UNIX_AUTHORITY);
        };
    }

    public static boolean unixSocketsAvailable() {
        return Epoll.isAvailable();
    }

    /**
     * A fresh directory for one plugin's socket that only this user can enter, so no other local
     * account can call the plugin; null (use tcp) when Unix sockets are unavailable or none can be made.
     */
    public static Path privateSocketDirectory() {
        if (!unixSocketsAvailable()) {
            return null;
        }
        try {
            // short: a socket path may not exceed 107 bytes
            return Files.createTempDirectory("aigw-");
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes a {@link #privateSocketDirectory()} and the socket in it, once nothing listens there. */
    public static void deleteSocketDirectory(Path dir) {
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover in the temp directory; nothing listens on it any more
        }
    }

    /** {@code host:port}; an empty or {@code localhost} host means the loopback address. */
    public static InetSocketAddress tcpAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        return host.isEmpty() || host.equals("localhost")
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                : new InetSocketAddress(host, port);
    }

    private static EventLoopGroup epoll() {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Unix domain sockets need epoll, which is not available here: "
                    + Epoll.unavailabilityCause());
        }
        if (epollGroup == null) {
            synchronized (Sockets.class) {
                if (epollGroup == null) {
                    QUIETED.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
                    epollGroup = new EpollEventLoopGroup(2, Thread.ofPlatform().daemon().name("aigw-uds-", 0).factory());
                }
            }
        }
        return epollGroup;
    }
}
