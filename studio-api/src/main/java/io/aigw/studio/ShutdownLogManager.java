package io.aigw.studio;

import java.util.logging.LogManager;

/**
 * A LogManager that keeps logging through JVM shutdown. The stock one resets (closes every
 * handler) in its own shutdown hook, racing ours, so the lines saying what was stopped got lost.
 */
public final class ShutdownLogManager extends LogManager {

    private volatile boolean closing;

    @Override
    public void reset() {
        if (!closing) {
            super.reset(); // configuration reloads still reset; only the JVM's shutdown reset waits
        }
    }

    /** Called from the shutdown hook before stopping things; {@link #finish()} at the very end. */
    void holdUntilFinished() {
        closing = true;
    }

    void finish() {
        closing = false;
        super.reset();
    }
}
