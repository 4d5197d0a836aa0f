package io.aigw.gateway.dispatch;

import io.aigw.loader.calls.CallFailure;
import io.aigw.plugin.api.ChunkSink;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.StreamCancelledException;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands chunks from the plugin's thread to the thread writing the HTTP response. Bounded, so a
 * slow client slows the plugin down instead of filling memory; cancellable, so a plugin blocked on
 * a full relay is released the moment the client goes away.
 */
final class ChunkRelay implements ChunkSink {

    private static final int CAPACITY = 16;
    private static final long CANCEL_CHECK_MS = 50;

    private final BlockingQueue<ResponseChunk> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean cancelled;
    private volatile int errorStatus = CallFailure.FAILED.httpStatus();

    @Override
    public void accept(ResponseChunk chunk) throws StreamCancelledException {
        try {
            while (!queue.offer(chunk, CANCEL_CHECK_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamCancelledException("interrupted while sending");
        }
        if (cancelled) {
            throw new StreamCancelledException("client went away or the stream's time limit passed");
        }
    }

    /** Puts a final chunk without blocking the plugin thread beyond cancellation. */
    void finish(ResponseChunk chunk) {
        try {
            accept(chunk);
        } catch (StreamCancelledException ignored) {
            // nobody is listening any more
        }
    }

    /** Finishes with an error the gateway answers with {@code status} (when no headers were sent). */
    void fail(int status, ResponseChunk.ErrorChunk chunk) {
        errorStatus = status;
        finish(chunk);
    }

    /** The status for an error before headers: 502 unless {@link #fail} said otherwise. */
    int errorStatus() {
        return errorStatus;
    }

    /** The next chunk, or null when {@code wait} passed first. */
    ResponseChunk next(Duration wait) throws InterruptedException {
        return queue.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    void cancel() {
        cancelled = true;
        queue.clear();
    }

    boolean isCancelled() {
        return cancelled;
    }
}
