package io.aigw.loader.calls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginCallsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Released at the end of each test, so no spinner outlives it. */
    private final AtomicBoolean release = new AtomicBoolean();
    private final List<Thread> background = new ArrayList<>();

    @AfterEach
    void releaseSpinners() throws InterruptedException {
        release.set(true);
        for (Thread t : background) {
            t.join();
        }
    }

    /** Burns CPU until the test ends, deaf to interruption, like a plugin stuck in a loop. */
    private Object spin() {
        while (!release.get()) {
            Thread.onSpinWait();
        }
        return "spun";
    }

    private void callInBackground(PluginCalls calls, Duration timeout) {
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                calls.call("spin", this::spin, timeout, () -> { });
            } catch (Exception ignored) {
                // timeouts are expected here; the test looks elsewhere
            }
        });
        background.add(t);
    }

    @Test
    void spinningPluginCodeLeavesTheSharedVirtualThreadSchedulerFree() throws Exception {
        PluginCalls calls = PluginCalls.isolated("spinner", new CallLimits(64, 64), CORES);
        // More spinners than the JVM's default scheduler has carriers: inline, they would hold all.
        for (int i = 0; i < CORES * 2; i++) {
            callInBackground(calls, Duration.ofMinutes(5));
        }
        TestWaits.until(() -> calls.runningCalls() == CORES * 2);
        CountDownLatch served = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            Thread.ofVirtual().start(served::countDown);
        }
        assertTrue(served.await(30, TimeUnit.SECONDS),
                "virtual threads on the shared scheduler ran while plugin code spun");
        assertEquals(CORES * 2, calls.runningCalls(), "the spinners were still running meanwhile");
    }

    @Test
    void theCallerGetsItsTimeoutWhilePluginCodeIgnoresInterruption() {
        PluginCalls calls = PluginCalls.isolated("deaf", new CallLimits(4, 4), 1);
        AtomicBoolean abandoned = new AtomicBoolean();
        assertThrows(TimeoutException.class,
                () -> calls.call("spin", this::spin, Duration.ofMillis(200), () -> abandoned.set(true)));
        assertTrue(abandoned.get(), "the plugin was told its call was abandoned");
        assertEquals(1, calls.runningCalls(), "the abandoned call still holds its slot while it runs");
        release.set(true);
        TestWaits.until(() -> calls.runningCalls() == 0);
    }

    @Test
    void abandonedCallsCountAgainstTheLimitSoStuckWorkCannotPileUp() throws Exception {
        PluginCalls calls = PluginCalls.isolated("stuck", new CallLimits(2, 1), 1);
        for (int i = 0; i < 2; i++) {
            assertThrows(TimeoutException.class, () -> calls.call("spin", this::spin, Duration.ofMillis(50), () -> { }));
        }
        PluginBusyException busy = assertThrows(PluginBusyException.class,
                () -> calls.call("more", () -> "x", Duration.ofSeconds(5), () -> { }));
        assertTrue(busy.getMessage().contains("'stuck'"), busy.getMessage());
        release.set(true);
        TestWaits.until(() -> calls.runningCalls() == 0);
        assertEquals("x", calls.call("again", () -> "x", Duration.ofSeconds(30), () -> { }));
    }

    @Test
    void errorsThrownByPluginCodeReachTheCallerAsTheCause() {
        for (PluginCalls calls : List.of(PluginCalls.isolated("oom", CallLimits.DEFAULT, 1),
                PluginCalls.inline("oom", CallLimits.DEFAULT))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> calls.call("oom", () -> {
                throw new OutOfMemoryError("plugin ran out of heap");
            }, Duration.ofSeconds(30), () -> { }));
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertEquals(0, calls.runningCalls(), "the slot came back");
        }
    }

    @Test
    void streamsHaveALimitOfTheirOwnAndFreeTheirSlotWhenTheyEnd() throws Exception {
        PluginCalls calls = PluginCalls.isolated("streams", new CallLimits(1, 2), 1);
        CountDownLatch finish = new CountDownLatch(1);
        Runnable stream = () -> {
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread a = calls.startStream("a", stream);
        Thread b = calls.startStream("b", stream);
        assertThrows(PluginBusyException.class, () -> calls.startStream("c", stream));
        assertEquals("unary", calls.call("unary", () -> "unary", Duration.ofSeconds(30), () -> { }),
                "streams do not use up unary slots");
        finish.countDown();
        a.join();
        b.join();
        TestWaits.until(() -> calls.runningStreams() == 0);
        calls.startStream("d", () -> { }).join();
    }

    @Test
    void lifecycleWorkIsBoundedEvenForPluginsCalledInline() {
        PluginCalls calls = PluginCalls.inline("remote", CallLimits.DEFAULT);
        assertThrows(TimeoutException.class, () -> calls.lifecycle("initialize", this::spin, Duration.ofMillis(100)));
    }
}
