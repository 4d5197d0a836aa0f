package io.aigw.loader.calls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unary calls of in-process plugin code made on the request's own virtual thread ({@link PluginCalls#unary}). */
class InlineUnaryCallsTest {

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
    private String spin() {
        while (!release.get()) {
            Thread.onSpinWait();
        }
        return "spun";
    }

    /** Records every outcome it is given, and on which thread. */
    private static final class Recorder implements UnaryAnswer<Object> {
        final ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        final AtomicReference<Thread> answeredOn = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch answered = new CountDownLatch(1);
        volatile Runnable onAbandon = () -> { };

        @Override
        public void abandoned() {
            onAbandon.run();
        }

        private void record(String outcome) {
            outcomes.add(outcome);
            answeredOn.set(Thread.currentThread());
            answered.countDown();
        }

        @Override
        public void returned(Object value) {
            record("returned " + value);
        }

        @Override
        public void failed(Throwable e) {
            error.set(e);
            record("failed");
        }

        @Override
        public void timedOut() {
            record("timed out");
        }

        @Override
        public void interrupted() {
            record("interrupted");
        }
    }

    private Thread onVirtualThread(Runnable r) {
        Thread t = Thread.ofVirtual().start(r);
        background.add(t);
        return t;
    }

    private static void unary(PluginCalls calls, java.util.concurrent.Callable<Object> work, Duration timeout,
                              Runnable onAbandon, UnaryAnswer<Object> answer) {
        try {
            if (answer instanceof Recorder recorder) {
                recorder.onAbandon = onAbandon;
            }
            calls.unary(work, timeout, answer);
        } catch (PluginBusyException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUnaryCallRunsOnTheCallersVirtualThread() throws Exception {
        PluginCalls calls = PluginCalls.isolated("inline", CallLimits.DEFAULT, 1);
        assertTrue(calls.unaryInline(), "this JVM lets calls run inline (the build opens java.lang)");
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Recorder answer = new Recorder();
        Thread caller = onVirtualThread(() -> unary(calls, () -> {
            ranOn.set(Thread.currentThread());
            return "x";
        }, Duration.ofSeconds(30), () -> { }, answer));
        caller.join();
        assertSame(caller, ranOn.get(), "no hand-off to another thread");
        assertEquals(List.of("returned x"), List.copyOf(answer.outcomes));
        assertSame(caller, answer.answeredOn.get());
        assertEquals(0, calls.runningCalls());
    }

    @Test
    void codeKeepingCarriersBusyLeavesTheSharedSchedulerServingAndItsPluginGoesToItsOwnThreads() throws Exception {
        PluginCalls calls = PluginCalls.isolated("hog", new CallLimits(64, 64), CORES);
        // As many spinners as the shared scheduler has carriers: without help they would hold all.
        for (int i = 0; i < CORES; i++) {
            onVirtualThread(() -> unary(calls, this::spin, Duration.ofMinutes(5), () -> { }, new Recorder()));
        }
        TestWaits.until(() -> calls.runningCalls() == CORES);
        CountDownLatch served = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            Thread.ofVirtual().start(served::countDown);
        }
        assertTrue(served.await(30, TimeUnit.SECONDS), () -> "virtual threads ran while plugin code spun on carriers: "
                + served.getCount() + " of 100 did not; " + SharedCarriers.get());
        assertFalse(calls.unaryInline(), "the plugin's next calls run on its own threads");
        assertTrue(SharedCarriers.get().lent() >= 1, "carriers are lent while the spinners run");

        // its next call does not run on the caller's thread
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Recorder next = new Recorder();
        Thread caller = onVirtualThread(() -> unary(calls, () -> {
            ranOn.set(Thread.currentThread());
            return "y";
        }, Duration.ofSeconds(30), () -> { }, next));
        caller.join();
        assertNotSame(caller, ranOn.get());
        assertEquals(List.of("returned y"), List.copyOf(next.outcomes));

        release.set(true);
        TestWaits.until(() -> calls.runningCalls() == 0);
        TestWaits.until(() -> SharedCarriers.get().lent() == 0);
        TestWaits.until(calls::unaryInline); // after the cool-down
    }

    @Test
    void theTimeoutIsAnsweredOnTimeWhileTheCodeStillSpins() throws Exception {
        PluginCalls calls = PluginCalls.isolated("deaf", new CallLimits(4, 4), 1);
        AtomicBoolean abandoned = new AtomicBoolean();
        Recorder answer = new Recorder();
        AtomicBoolean callReturned = new AtomicBoolean();
        Thread caller = onVirtualThread(() -> {
            unary(calls, this::spin, Duration.ofMillis(200), () -> abandoned.set(true), answer);
            callReturned.set(true);
        });
        assertTrue(answer.answered.await(30, TimeUnit.SECONDS), "answered while the code spins");
        assertEquals(List.of("timed out"), List.copyOf(answer.outcomes));
        assertNotSame(caller, answer.answeredOn.get(), "answered from the watch, the caller is still in plugin code");
        assertTrue(abandoned.get(), "the plugin was told its call was abandoned");
        assertEquals(1, calls.runningCalls(), "the abandoned call still holds its slot while it runs");
        assertFalse(callReturned.get());
        release.set(true);
        caller.join();
        assertTrue(callReturned.get());
        assertEquals(1, answer.outcomes.size(), "answered once");
        assertEquals(0, calls.runningCalls());
    }

    @Test
    void codeThatStopsWhenInterruptedIsAnsweredByTheCallerWhichIsLeftUninterrupted() throws Exception {
        PluginCalls calls = PluginCalls.isolated("sleepy", new CallLimits(4, 4), 1);
        Recorder answer = new Recorder();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread caller = onVirtualThread(() -> {
            unary(calls, () -> {
                Thread.sleep(60_000);
                return "late";
            }, Duration.ofMillis(100), () -> { }, answer);
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.join();
        assertEquals(List.of("timed out"), List.copyOf(answer.outcomes));
        assertSame(caller, answer.answeredOn.get(), "the code came back at once: the caller answered");
        assertFalse(interruptedAfter.get(), "the interrupt meant for the plugin's code is not left on the thread");
    }

    @Test
    void anInterruptThePluginLeavesSetDoesNotReachTheCaller() throws Exception {
        PluginCalls calls = PluginCalls.isolated("self-interrupting", CallLimits.DEFAULT, 1);
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Recorder answer = new Recorder();
        onVirtualThread(() -> {
            unary(calls, () -> {
                Thread.currentThread().interrupt();
                return "x";
            }, Duration.ofSeconds(30), () -> { }, answer);
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }).join();
        assertEquals(List.of("returned x"), List.copyOf(answer.outcomes));
        assertFalse(interruptedAfter.get());
    }

    @Test
    void everyCallIsAnsweredExactlyOnceWhenItsCodeReturnsAroundTheDeadline() throws Exception {
        PluginCalls calls = PluginCalls.isolated("racer", new CallLimits(1000, 1), 1);
        int n = 300;
        List<Recorder> answers = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Recorder answer = new Recorder();
            answers.add(answer);
            boolean sleeps = i % 2 == 0;
            long nanos = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 16));
            callers.add(Thread.ofVirtual().start(() -> unary(calls, () -> {
                if (sleeps) {
                    LockSupport.parkNanos(nanos); // returns early when interrupted, like most blocking code
                } else {
                    long end = System.nanoTime() + nanos;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }
                return "v";
            }, Duration.ofMillis(10), () -> { }, answer)));
        }
        for (Thread t : callers) {
            t.join();
        }
        for (Recorder answer : answers) {
            assertEquals(1, answer.outcomes.size(), "one answer: " + answer.outcomes);
        }
        // calls made on the plugin's own threads (once a spinner was caught) may still be running
        TestWaits.until(() -> calls.runningCalls() == 0);
    }

    @Test
    void moreCallsAtOnceThanTheWatchHasSlotsAreAllAnsweredOnTimeAndLeaveNothingWatched() throws Exception {
        int n = CallWatch.SLOTS + 100;
        PluginCalls calls = PluginCalls.isolated("crowd", new CallLimits(n, 1), 1);
        CountDownLatch finish = new CountDownLatch(1);
        List<Recorder> answers = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Recorder answer = new Recorder();
            answers.add(answer);
            callers.add(Thread.ofVirtual().start(() -> unary(calls, () -> {
                finish.await(); // returns when interrupted, like most blocking code
                return "never";
            }, Duration.ofMillis(300), () -> { }, answer)));
        }
        for (Thread t : callers) {
            t.join();
        }
        finish.countDown();
        for (Recorder answer : answers) {
            assertEquals(List.of("timed out"), List.copyOf(answer.outcomes));
        }
        assertEquals(0, calls.runningCalls());
        TestWaits.until(() -> CallWatch.get().watched() == 0); // the overflow is emptied by the next tick
    }

    @Test
    void whateverTheCodeThrowsIsTheFailure() throws Exception {
        PluginCalls calls = PluginCalls.isolated("oom", CallLimits.DEFAULT, 1);
        Recorder answer = new Recorder();
        onVirtualThread(() -> unary(calls, () -> {
            throw new OutOfMemoryError("plugin ran out of heap");
        }, Duration.ofSeconds(30), () -> { }, answer)).join();
        assertEquals(List.of("failed"), List.copyOf(answer.outcomes));
        assertInstanceOf(OutOfMemoryError.class, answer.error.get());
        assertEquals(0, calls.runningCalls(), "the slot came back");
    }

    @Test
    void callsOverTheLimitAreRefusedWithNothingAnswered() throws Exception {
        PluginCalls calls = PluginCalls.isolated("full", new CallLimits(1, 1), 1);
        CountDownLatch finish = new CountDownLatch(1);
        onVirtualThread(() -> unary(calls, () -> {
            finish.await();
            return "x";
        }, Duration.ofMinutes(5), () -> { }, new Recorder()));
        TestWaits.until(() -> calls.runningCalls() == 1);
        Recorder refused = new Recorder();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        onVirtualThread(() -> {
            try {
                calls.unary(() -> "y", Duration.ofSeconds(30), refused);
            } catch (PluginBusyException e) {
                thrown.set(e);
            }
        }).join();
        assertInstanceOf(PluginBusyException.class, thrown.get());
        assertTrue(refused.outcomes.isEmpty());
        finish.countDown();
        TestWaits.until(() -> calls.runningCalls() == 0);
    }

    @Test
    void callsFromPlatformThreadsRunOnThePluginsOwnThreads() throws Exception {
        PluginCalls calls = PluginCalls.isolated("platform-caller", CallLimits.DEFAULT, 1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Recorder answer = new Recorder();
        calls.unary(() -> {
            ranOn.set(Thread.currentThread());
            return "z";
        }, Duration.ofSeconds(30), answer);
        assertNotSame(Thread.currentThread(), ranOn.get());
        assertEquals(List.of("returned z"), List.copyOf(answer.outcomes));
        assertNull(answer.error.get());
    }
}
