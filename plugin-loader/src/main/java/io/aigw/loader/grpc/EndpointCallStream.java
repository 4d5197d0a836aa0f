package io.aigw.loader.grpc;

import io.aigw.runtime.proto.CancelEndpointCall;
import io.aigw.runtime.proto.EndpointCall;
import io.aigw.runtime.proto.EndpointCallResult;
import io.aigw.runtime.proto.EndpointRequest;
import io.aigw.runtime.proto.EndpointResponse;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Unary endpoint calls over one long-lived {@code EndpointCalls} stream on one connection: the
 * caller's thread sends its call and parks until the answer with its id arrives (delivered on the
 * transport's thread, no executor hop). A broken stream fails every call waiting on it with
 * UNAVAILABLE; the next call opens a fresh one.
 *
 * <p>Failures surface as they would from the unary RPC: {@link StatusRuntimeException} with the
 * plugin's status, DEADLINE_EXCEEDED when {@code timeout} passes, {@link InterruptedException} when
 * the caller is interrupted (the plugin is then told to cancel).
 */
final class EndpointCallStream {

    private final PluginServiceGrpc.PluginServiceStub stub;
    private final AtomicLong ids = new AtomicLong();
    /** Guards opening the stream and writing to it: a stream takes one message at a time. */
    private final ReentrantLock sending = new ReentrantLock();
    private Opened current;

    EndpointCallStream(Channel channel) {
        // answers are handled on the transport thread that read them: all it does is wake a caller
        this.stub = PluginServiceGrpc.newStub(channel).withExecutor(Runnable::run);
    }

    EndpointResponse call(EndpointRequest request, Duration timeout) throws InterruptedException {
        long id = ids.incrementAndGet();
        Waiter waiter = new Waiter(Thread.currentThread());
        Opened stream = send(id, waiter, EndpointCall.newBuilder().setCallId(id).setRequest(request)
                .setTimeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())).build());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiter.outcome == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stream.abandon(id);
                throw Status.DEADLINE_EXCEEDED.withDescription("no answer within " + timeout.toMillis() + "ms")
                        .asRuntimeException();
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                stream.abandon(id);
                throw new InterruptedException("the call was cancelled");
            }
        }
        return switch (waiter.outcome) {
            case EndpointResponse response -> response;
            case Status status -> throw status.asRuntimeException();
            default -> throw new IllegalStateException("unexpected outcome " + waiter.outcome);
        };
    }

    /** Ends the stream, failing whatever still waits on it. */
    void close() {
        sending.lock();
        try {
            if (current != null) {
                current.end(Status.UNAVAILABLE.withDescription("the plugin connection closed"));
                try {
                    current.out.onError(Status.CANCELLED.withDescription("closing").asRuntimeException());
                } catch (RuntimeException ignored) {
                    // already ended
                }
                current = null;
            }
        } finally {
            sending.unlock();
        }
    }

    private Opened send(long id, Waiter waiter, EndpointCall call) {
        sending.lock();
        try {
            if (current == null || current.broken) {
                current = new Opened();
                current.out = stub.endpointCalls(current);
            }
            Opened stream = current;
            stream.waiting.put(id, waiter);
            // ended between the check above and the put: its failure sweep may have missed us
            if (stream.broken) {
                stream.waiting.remove(id);
                throw stream.failure.asRuntimeException();
            }
            try {
                stream.out.onNext(call);
            } catch (RuntimeException e) {
                stream.waiting.remove(id);
                throw Status.UNAVAILABLE.withDescription("cannot send to the plugin: " + e.getMessage())
                        .withCause(e).asRuntimeException();
            }
            return stream;
        } finally {
            sending.unlock();
        }
    }

    private static final class Waiter {
        final Thread thread;
        /** An {@link EndpointResponse} or a failure {@link Status}; null while waiting. */
        volatile Object outcome;

        Waiter(Thread thread) {
            this.thread = thread;
        }

        void complete(Object value) {
            outcome = value;
            LockSupport.unpark(thread);
        }
    }

    /** One opened stream and the calls waiting on it. */
    private final class Opened implements StreamObserver<EndpointCallResult> {
        final Map<Long, Waiter> waiting = new ConcurrentHashMap<>();
        StreamObserver<EndpointCall> out;
        volatile boolean broken;
        volatile Status failure;

        @Override
        public void onNext(EndpointCallResult result) {
            Waiter waiter = waiting.remove(result.getCallId());
            if (waiter == null) {
                return; // abandoned: timed out or cancelled before the answer came
            }
            waiter.complete(switch (result.getOutcomeCase()) {
                case RESPONSE -> result.getResponse();
                case FAILURE -> Status.fromCodeValue(result.getFailure().getCode())
                        .withDescription(result.getFailure().getMessage());
                case OUTCOME_NOT_SET -> Status.INTERNAL.withDescription("the plugin answered call "
                        + result.getCallId() + " with neither a response nor a failure");
            });
        }

        @Override
        public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            end(status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.CANCELLED
                    ? Status.UNAVAILABLE.withDescription(status.getDescription()).withCause(t)
                    : status);
        }

        @Override
        public void onCompleted() {
            end(Status.UNAVAILABLE.withDescription("the plugin ended its call stream"));
        }

        void end(Status status) {
            failure = status;
            broken = true;
            waiting.values().forEach(w -> w.complete(status));
            waiting.clear();
        }

        /** The caller gave up on {@code id}: forget it, and tell the plugin unless it already answered. */
        void abandon(long id) {
            if (waiting.remove(id) == null || broken) {
                return;
            }
            sending.lock();
            try {
                out.onNext(EndpointCall.newBuilder().setCallId(id)
                        .setCancel(CancelEndpointCall.getDefaultInstance()).build());
            } catch (RuntimeException ignored) {
                // the stream ended meanwhile: the plugin has cancelled everything on it
            } finally {
                sending.unlock();
            }
        }
    }
}
