package io.aigw.loader.calls;

import java.util.function.BooleanSupplier;

/** Polls until a condition holds; fails after a bound generous enough for a loaded CI machine. */
final class TestWaits {

    private TestWaits() {
    }

    static void until(BooleanSupplier condition) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
