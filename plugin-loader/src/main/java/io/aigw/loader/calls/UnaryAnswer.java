package io.aigw.loader.calls;

/**
 * Where the outcome of one unary plugin call goes (see {@link PluginCalls#unary}). Exactly one
 * method runs, once. All but {@link #timedOut()} run on the caller's thread; {@code timedOut} may
 * run on a thread of the {@link CallWatch} while the caller's thread is still inside plugin code,
 * and the call returns only after it has finished.
 */
public interface UnaryAnswer<T> {

    /** Names the call (and the plugin thread it runs on, when it gets one). */
    default String purpose() {
        return "call";
    }

    /**
     * The call's time ran out: its code is about to be interrupted. Runs before {@link #timedOut()},
     * possibly on another thread, so the code can be told it is cancelled.
     */
    default void abandoned() {
    }

    /** The plugin's code returned {@code value} in time. */
    void returned(T value);

    /** The plugin's code threw {@code error} ({@link Error}s included) in time. */
    void failed(Throwable error);

    /** The call's time ran out first. */
    void timedOut();

    /** The caller was interrupted while waiting for the plugin's thread (the server is stopping). */
    void interrupted();
}
