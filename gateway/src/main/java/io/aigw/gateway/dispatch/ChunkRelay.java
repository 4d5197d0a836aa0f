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

    private final BlockingQueue<ResponseChunk> queue;
    private volatile boolean cancelled;
    private volatile int errorStatus = CallFailure.FAILED.httpStatus();

    ChunkRelay() {
        this(new ArrayBlockingQueue<>(CAPACITY));
    }

    /** For tests that need to act at the moment a chunk is queued. */
    ChunkRelay(BlockingQueue<ResponseChunk> queue) {
        this.queue = queue;
    }

    /**
     * Queues {@code chunk}; throws only when the relay was cancelled before the chunk got in. Once
     * queued, the chunk counts as sent even if the writer cancels a moment later (it cancels after
     * writing the last chunk when the plugin's thread is still running): a plugin that finishes
     * with {@code done()} must not be told its response failed after the client got all of it.
     */
    @Override
    public void accept(ResponseChunk chunk) throws StreamCancelledException {
        try {
            while (!cancelled) {
                if (queue.offer(chunk, CANCEL_CHECK_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamCancelledException("interrupted while sending");
        }
        throw new StreamCancelledException("client went away or the stream's time limit passed");
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

    /**
     * Stops the relay. The queue is left as it is: emptying it would make room for a send blocked
     * on it, which would then count as sent.
     */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
