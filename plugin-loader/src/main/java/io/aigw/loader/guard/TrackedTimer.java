package io.aigw.loader.guard;

import java.util.Timer;

/**
 * The {@link Timer} plugin code gets for {@code new Timer(...)} ({@link CallSiteRewriter} swaps the
 * class): a timer's thread ignores interrupts, so unloading the plugin cancels it instead.
 */
public final class TrackedTimer extends Timer {

    private final SpawnedThreads owner;

    public TrackedTimer() {
        super();
        owner = register(this);
    }

    public TrackedTimer(boolean isDaemon) {
        super(isDaemon);
        owner = register(this);
    }

    public TrackedTimer(String name) {
        super(name);
        owner = register(this);
    }

    public TrackedTimer(String name, boolean isDaemon) {
        super(name, isDaemon);
        owner = register(this);
    }

    @Override
    public void cancel() {
        super.cancel();
        if (owner != null) {
            owner.untrack(this);
        }
    }

    private static SpawnedThreads register(Timer timer) {
        return PluginGuard.caller().map(c -> {
            c.guard().threads().track(timer);
            return c.guard().threads();
        }).orElse(null);
    }
}
