package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.RequestContext;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unary endpoint calls multiplexed over the EndpointCalls stream, against a real plugin server on
 * loopback TCP: answers reach their own callers whatever the order, failures map as for the unary
 * RPC, a caller giving up cancels the plugin's work, and a dead plugin fails waiting calls at once.
 */
class EndpointCallStreamTest {

    /** {@code /sleep/<ms>} answers after that long; {@code /fail} throws; {@code /block} waits to be interrupted. */
    static final class Plugin implements CustomEndpointHandler {
        final CountDownLatch blockStarted = new CountDownLatch(1);
        final CountDownLatch blockInterrupted = new CountDownLatch(1);
        final AtomicBoolean sawCancelled = new AtomicBoolean();

        @Override
        public List<EndpointRegistration> getEndpointRegistrations() {
            return List.of(new EndpointRegistration("/*", List.of("GET", "POST"), "", false, false, Map.of()));
        }

        @Override
        public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request)
                throws Exception {
            String path = request.relativePath();
            if (path.startsWith("/sleep/")) {
                Thread.sleep(Long.parseLong(path.substring("/sleep/".length())));
            } else if (path.equals("/fail")) {
                throw new IllegalStateException("internal detail");
            } else if (path.equals("/block")) {
                blockStarted.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    sawCancelled.set(context.isCancelled());
                    blockInterrupted.countDown();
                    throw e;
                }
            }
            return EndpointResponse.text(200, path + " " + request.body().length);
        }
    }

    final Plugin plugin = new Plugin();
    PluginServer server;
    LoadedPlugin loaded;
    CustomEndpointHandler client;

    @BeforeEach
    void connect() throws Exception {
        server = PluginServer.start(plugin, "1.0", Handshake.Network.TCP, null, 4 << 20, () -> { });
        connect(Duration.ofSeconds(2));
    }

    /** (Re)connects to the plugin server with {@code unaryLimit} as every call's deadline. */
    void connect(Duration unaryLimit) throws Exception {
        if (loaded != null) {
            loaded.close();
        }
        loaded = new ExternalPluginLauncher(ExternalPluginSettings.defaults(unaryLimit,
                Duration.ofSeconds(2), 2 << 20)).launch(new PluginSpec(1, "calls", "grpc://"
                + server.handshake().address(), Map.of()));
        loaded.plugin().initialize(BasicPluginContext.named("calls"), Map.of());
        client = loaded.capabilities().get(CustomEndpointHandler.class).orElseThrow();
        assertTrue(((ExternalPlugin) loaded).usesCallStreams(), "the Java runtime announces the stream");
    }

    @AfterEach
    void close() {
        loaded.close();
        server.close();
    }

    EndpointResponse call(String path, int bodyBytes) throws Exception {
        return client.handleEndpointRequest(BasicRequestContext.of("r", System.getLogger("t")),
                new EndpointRequest("POST", "/plugins/calls" + path, path, List.of(), null, new byte[bodyBytes], "",
                        "127.0.0.1", "h", "http", null, false, null, null));
    }

    static String text(EndpointResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswerWhateverTheOrder() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                // later calls answer sooner
                String path = "/sleep/" + (64 - i) * 3;
                int body = i;
                answers.add(callers.submit(() -> text(call(path, body))));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("/sleep/" + (64 - i) * 3 + " " + i, answers.get(i).get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void bodiesAboveTheStreamLimitStillArrive() throws Exception {
        int big = GrpcEndpointClient.CALL_STREAM_MAX_BODY_BYTES + 1;
        assertEquals("/x " + big, text(call("/x", big)));
        assertEquals("/x 10", text(call("/x", 10)));
    }

    @Test
    void aThrowingHandlerIsAPluginCallFailureWithoutItsDetail() {
        PluginCallException e = assertThrows(PluginCallException.class, () -> call("/fail", 0));
        assertTrue(e.getMessage().contains("UNKNOWN"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
        assertTrue(!e.getMessage().contains("internal detail"), e.getMessage());
    }

    @Test
    void aCallerThatGivesUpCancelsThePluginsWork() throws Exception {
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                call("/block", 0);
            } catch (Exception ignored) {
                // interrupted, as intended
            }
        });
        assertTrue(plugin.blockStarted.await(30, TimeUnit.SECONDS), "the plugin started the call");
        caller.interrupt();
        assertTrue(plugin.blockInterrupted.await(30, TimeUnit.SECONDS), "the plugin's handler was interrupted");
        assertTrue(plugin.sawCancelled.get(), "and its context reported the call cancelled");
        caller.join(5000);
        assertEquals("/x 1", text(call("/x", 1)), "the stream still serves other calls");
    }

    @Test
    void callsWaitingOnADeadPluginFailAsUnavailableAtOnce() throws Exception {
        // a deadline far off, so "at once" is told apart from "at the deadline" on the slowest machine
        connect(Duration.ofSeconds(60));
        Future<Exception> waiting;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            waiting = callers.submit(() -> {
                try {
                    call("/block", 0);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            assertTrue(plugin.blockStarted.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            server.stop(0);
            Exception failure = waiting.get(60, TimeUnit.SECONDS);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertInstanceOf(PluginUnavailableException.class, failure, String.valueOf(failure));
            assertTrue(ms < 30_000, "failed after " + ms + " ms, not at the 60 s deadline");
        }
        assertThrows(PluginUnavailableException.class, () -> call("/x", 0), "later calls: 503 too");
    }

    @Test
    void aCallPastItsDeadlineTimesOut() {
        // the unary limit (2 s) is the deadline; the plugin would answer after 5 s
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> call("/sleep/5000", 0));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms >= 1900, "not before the limit: timed out after " + ms + " ms");
    }
}
