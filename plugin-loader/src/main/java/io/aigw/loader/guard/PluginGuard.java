package io.aigw.loader.guard;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * What the host keeps per loaded plugin (one class loader) to hold it to the rules of in-process
 * code: it may not end the process, and what it started stops when it is unloaded.
 */
public final class PluginGuard {

    private static final System.Logger LOG = System.getLogger(PluginGuard.class.getName());
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String pluginId;
    private final SpawnedThreads threads;
    private final AtomicBoolean exitRefusalLogged = new AtomicBoolean();

    public PluginGuard(String pluginId, ClassLoader loader) {
        this.pluginId = pluginId;
        this.threads = new SpawnedThreads(pluginId, loader);
    }

    public String pluginId() {
        return pluginId;
    }

    public SpawnedThreads threads() {
        return threads;
    }

    /** The innermost plugin class on the current thread's stack, with its plugin's guard. */
    static Optional<Caller> caller() {
        return WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c.getClassLoader() instanceof GuardedLoader)
                .map(c -> new Caller(c, ((GuardedLoader) c.getClassLoader()).guard()))
                .findFirst());
    }

    /** Logs the first refused attempt only: a plugin retrying in a loop must not flood the log. */
    void exitRefused(String call, Class<?> caller) {
        if (exitRefusalLogged.compareAndSet(false, true)) {
            LOG.log(WARNING, "Plugin {0} tried to end the gateway process ({1} in {2}); refused with a "
                    + "SecurityException. Further attempts by this plugin are not logged.", pluginId, call,
                    caller.getName());
        }
    }

    record Caller(Class<?> type, PluginGuard guard) {
    }
}
