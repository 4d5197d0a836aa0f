package io.aigw.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream benchmark's client: opens N SSE streams to the gateway (one socket and one virtual
 * thread each), waits until every one has received its first event, then asks the gateway's JVM
 * for its heap after a full GC (jcmd) and prints one line of results. Run by {@code bench/run.sh}.
 *
 * <pre>OpenStreams host port path token count gateway-pid</pre>
 */
public final class OpenStreams {

    private static final int CONNECTING_AT_ONCE = 256;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        String token = args[3];
        int count = Integer.parseInt(args[4]);
        long gatewayPid = Long.parseLong(args[5]);

        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
        CountDownLatch settled = new CountDownLatch(count);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            connecting.acquire();
            Thread.ofVirtual().start(() -> {
                boolean released = false;
                try {
                    Socket socket = new Socket();
                    sockets.add(socket);
                    socket.connect(new InetSocketAddress(host, port), 30_000);
                    socket.getOutputStream().write(request);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8), 512);
                    String line;
                    while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                        // status line, headers, chunk sizes
                    }
                    if (line == null) {
                        throw new IOException("closed before the first event");
                    }
                    open.incrementAndGet();
                    connecting.release();
                    released = true;
                    settled.countDown();
                    while (in.readLine() != null) {
                        // hold the stream; heartbeats and events are read and dropped
                    }
                } catch (IOException e) {
                    if (!released) {
                        failed.incrementAndGet();
                        settled.countDown();
                    }
                } finally {
                    if (!released) {
                        connecting.release();
                    }
                }
            });
        }
        boolean all = settled.await(300, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000);
        int stillOpen = open.get();
        String heap = heapAfterGc(gatewayPid);
        System.out.printf("streams open: %d of %d (failed %d%s) in %.1f s; gateway heap after full GC: %s%n",
                stillOpen, count, failed.get(), all ? "" : ", timed out", openSeconds, heap);
        // exiting closes every socket; the gateway notices at its next heartbeat
        System.exit(0);
    }

    /** "used X MiB of Y MiB committed", from {@code jcmd <pid> GC.heap_info} after {@code GC.run}. */
    static String heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        // G1: "garbage-first heap   total reserved 524288K, committed 49152K, used 20000K"
        // Serial/Parallel: "... total 12345K, used 6789K"
        Matcher m = Pattern.compile("heap\\s+total(?: reserved)? (\\d+)K, committed (\\d+)K, used (\\d+)K")
                .matcher(info);
        if (m.find()) {
            return String.format("used %d MiB (committed %d MiB, max %d MiB)", Long.parseLong(m.group(3)) / 1024,
                    Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024);
        }
        return "unparsed: " + info.lines().limit(3).toList();
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        Process p = new ProcessBuilder(List.of(jcmd, String.valueOf(pid), command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
