package io.aigw.loader.guard;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The pool plugin code gets for {@code new ScheduledThreadPoolExecutor(...)}
 * ({@link CallSiteRewriter} swaps the class): its workers ignore interrupts, so unloading the
 * plugin shuts it down instead.
 */
public final class TrackedScheduledThreadPoolExecutor extends ScheduledThreadPoolExecutor {

    public TrackedScheduledThreadPoolExecutor(int corePoolSize) {
        super(corePoolSize);
        ThreadGuard.track(this);
    }

    public TrackedScheduledThreadPoolExecutor(int corePoolSize, ThreadFactory threadFactory) {
        super(corePoolSize, threadFactory);
        ThreadGuard.track(this);
    }

    public TrackedScheduledThreadPoolExecutor(int corePoolSize, RejectedExecutionHandler handler) {
        super(corePoolSize, handler);
        ThreadGuard.track(this);
    }

    public TrackedScheduledThreadPoolExecutor(int corePoolSize, ThreadFactory threadFactory,
                                              RejectedExecutionHandler handler) {
        super(corePoolSize, threadFactory, handler);
        ThreadGuard.track(this);
    }
}
