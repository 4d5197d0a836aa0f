package io.aigw.loader.guard;

import java.util.concurrent.ExecutorService;

/**
 * What plugin code passes every executor it gets from {@code java.util.concurrent.Executors}
 * through ({@link CallSiteRewriter} inserts the call), so that unloading the plugin shuts it down.
 */
public final class ThreadGuard {

    private ThreadGuard() {
    }

    public static ExecutorService track(ExecutorService executor) {
        PluginGuard.caller().ifPresent(c -> c.guard().threads().track(executor));
        return executor;
    }
}
