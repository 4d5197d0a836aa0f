package io.aigw.loader.grpc;

import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.StatusRuntimeException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Watches one connected plugin: its process exiting (noticed at once) and its Pings (two failed
 * in a row). Reports the first failure once, then stops; the host decides what to do about it.
 */
final class HealthWatch {

    private static final int FAILED_PINGS_ALLOWED = 1;
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final String name;
    private final PluginServiceGrpc.PluginServiceBlockingStub stub;
    private final PluginProcess process;
    private final ExternalPluginSettings settings;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Consumer<String> onFailure;
    private Thread pinger;

    HealthWatch(String name, PluginServiceGrpc.PluginServiceBlockingStub stub, PluginProcess process,
                ExternalPluginSettings settings) {
        this.name = name;
        this.stub = stub;
        this.process = process;
        this.settings = settings;
    }

    /** Watches currently running, across all plugins: one per serving external plugin. */
    static int running() {
        return RUNNING.get();
    }

    synchronized void start(Consumer<String> onFailure) {
        if (pinger != null || stopped.get()) {
            return;
        }
        this.onFailure = onFailure;
        RUNNING.incrementAndGet();
        if (process != null) {
            process.onExit().thenRun(() -> fail("process exited with code " + process.exitValue()));
        }
        pinger = Thread.ofVirtual().name("plugin-health-" + name).start(this::pingLoop);
    }

    void stop() {
        if (stopped.compareAndSet(false, true)) {
            synchronized (this) {
                if (pinger != null) {
                    RUNNING.decrementAndGet();
                    pinger.interrupt();
                }
            }
        }
    }

    private void pingLoop() {
        int failed = 0;
        while (!stopped.get()) {
            try {
                Thread.sleep(settings.pingInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                stub.withDeadlineAfter(settings.pingTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .ping(PingRequest.getDefaultInstance());
                failed = 0;
            } catch (StatusRuntimeException e) {
                if (stopped.get()) {
                    return;
                }
                if (++failed > FAILED_PINGS_ALLOWED) {
                    fail("health check failed: " + failed + " pings in a row (" + e.getStatus().getCode() + ")");
                    return;
                }
            }
        }
    }

    private void fail(String reason) {
        Consumer<String> listener = onFailure;
        if (!stopped.get() && listener != null) {
            stop();
            listener.accept(reason);
        }
    }
}
