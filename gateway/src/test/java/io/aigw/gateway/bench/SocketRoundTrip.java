package io.aigw.gateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The floor under any external-plugin transport on this machine: one blocking request/answer
 * exchange (300 bytes out, 800 back, about an echo call's size) between two processes, over
 * loopback TCP and over a Unix socket, with nothing else in the way: no HTTP/2, no protobuf, no
 * thread hand-offs. Run by {@code bench/run.sh}; not part of the product.
 *
 * <pre>
 *   SocketRoundTrip serve tcp|unix ADDRESS     # ADDRESS: a port, or a socket path
 *   SocketRoundTrip measure tcp|unix ADDRESS   # prints "p50_us p99_us"
 * </pre>
 */
public final class SocketRoundTrip {

    private static final int OUT = 300, BACK = 800, WARMUP = 5_000, ROUNDS = 20_000;

    public static void main(String[] args) throws Exception {
        boolean unix = args[1].equals("unix");
        SocketAddress address = unix ? UnixDomainSocketAddress.of(args[2])
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[2]));
        if (args[0].equals("serve")) {
            serve(unix, address);
        } else {
            measure(address);
        }
    }

    private static void serve(boolean unix, SocketAddress address) throws IOException {
        if (unix) {
            Files.deleteIfExists(Path.of(address.toString()));
        }
        try (ServerSocketChannel server = ServerSocketChannel.open(unix ? StandardProtocolFamily.UNIX
                : StandardProtocolFamily.INET)) {
            server.bind(address);
            System.out.println("ready");
            while (true) {
                SocketChannel peer = server.accept();
                Thread.ofPlatform().daemon().start(() -> answer(peer));
            }
        }
    }

    private static void answer(SocketChannel peer) {
        ByteBuffer in = ByteBuffer.allocateDirect(OUT), out = ByteBuffer.allocateDirect(BACK);
        try (peer) {
            while (fill(peer, in.clear())) {
                out.clear();
                while (out.hasRemaining()) {
                    peer.write(out);
                }
            }
        } catch (IOException ignored) {
            // the measuring side is done
        }
    }

    private static void measure(SocketAddress address) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address)) {
            ByteBuffer out = ByteBuffer.allocateDirect(OUT), in = ByteBuffer.allocateDirect(BACK);
            long[] took = new long[ROUNDS];
            for (int i = -WARMUP; i < ROUNDS; i++) {
                long start = System.nanoTime();
                out.clear();
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                fill(channel, in.clear());
                if (i >= 0) {
                    took[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(took);
            System.out.println(took[ROUNDS / 2] / 1000 + " " + took[ROUNDS * 99 / 100] / 1000);
        }
    }

    /** Reads until {@code buffer} is full; false at end of stream. */
    private static boolean fill(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }
}
