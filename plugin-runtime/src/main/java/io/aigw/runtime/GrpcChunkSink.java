package io.aigw.runtime;

import io.aigw.plugin.api.ChunkSink;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.StreamCancelledException;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A plugin's {@link io.aigw.plugin.api.ResponseStream} writing into the gRPC server stream. Sends
 * block while the transport has no room (the gateway reads as fast as its HTTP client does), and
 * throw {@link StreamCancelledException} once the gateway cancelled the call.
 */
final class GrpcChunkSink implements ChunkSink {

    private final ServerCallStreamObserver<EndpointResponseChunk> call;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private volatile boolean cancelled;
    private boolean completed;

    /** Must be made inside the service method: gRPC only takes handlers before it returns. */
    GrpcChunkSink(ServerCallStreamObserver<EndpointResponseChunk> call, Runnable onCancel) {
        this.call = call;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
            onCancel.run();
        });
    }

    boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void accept(ResponseChunk chunk) throws StreamCancelledException {
        lock.lock();
        try {
            while (!call.isReady() && !cancelled) {
                // timed: a belt-and-braces re-check should an onReady signal ever be missed
                try {
                    ready.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StreamCancelledException("interrupted while waiting to send");
                }
            }
            if (cancelled) {
                throw new StreamCancelledException("the gateway cancelled the call");
            }
            call.onNext(Wire.chunk(chunk));
            if (chunk instanceof ResponseChunk.DoneChunk || chunk instanceof ResponseChunk.ErrorChunk) {
                completed = true;
                call.onCompleted();
            }
        } catch (RuntimeException e) {
            // onNext on a call cancelled a moment ago
            if (cancelled) {
                throw new StreamCancelledException("the gateway cancelled the call");
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the call if the plugin's handler did not (it threw, or was cancelled). */
    void end() {
        lock.lock();
        try {
            if (!completed && !cancelled) {
                completed = true;
                call.onCompleted();
            }
        } catch (RuntimeException ignored) {
            // the call ended under us
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
