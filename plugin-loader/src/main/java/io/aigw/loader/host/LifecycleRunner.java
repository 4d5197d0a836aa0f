package io.aigw.loader.host;

import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.calls.PluginCalls;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Runs lifecycle plugin code (launch and {@code initialize()}, {@code shutdown()}) on the plugin's
 * own threads, bounded by the init timeout: a plugin stuck there is abandoned, never waited for.
 * Whatever goes wrong becomes a {@link PluginLoadException} with a message for the operator.
 */
record LifecycleRunner(Duration timeout) {

    /** {@code onAbandon} runs when the host stops waiting while the plugin's code may still run. */
    <T> T run(PluginCalls calls, String what, Callable<T> work, Runnable onAbandon) throws PluginLoadException {
        try {
            return calls.lifecycle(what, work, timeout);
        } catch (TimeoutException e) {
            onAbandon.run();
            throw new PluginLoadException(what + " did not finish within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginLoadException p) {
                throw p;
            }
            throw new PluginLoadException(what + " failed: " + describe(cause), cause);
        } catch (PluginBusyException e) {
            throw new PluginLoadException(what + " refused: " + e.getMessage());
        } catch (InterruptedException e) {
            onAbandon.run();
            Thread.currentThread().interrupt();
            throw new PluginLoadException(what + " was interrupted");
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
