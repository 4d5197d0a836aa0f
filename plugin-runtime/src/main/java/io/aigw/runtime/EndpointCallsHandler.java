package io.aigw.runtime;

import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.runtime.proto.EndpointCall;
import io.aigw.runtime.proto.EndpointCallFailure;
import io.aigw.runtime.proto.EndpointCallResult;
import io.aigw.runtime.proto.EndpointRequest;
import io.aigw.runtime.proto.EndpointResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The plugin's end of one {@code EndpointCalls} stream: each call runs on a virtual thread of its
 * own, exactly as a {@code HandleEndpointRequest} would, and its answer goes back tagged with its
 * call id whenever it is ready. A cancel, or the stream ending, interrupts the calls concerned.
 */
final class EndpointCallsHandler implements StreamObserver<EndpointCall> {

    private static final System.Logger LOG = System.getLogger(EndpointCallsHandler.class.getName());

    /** What runs one call: the same code path as the unary RPC. */
    interface Endpoint {
        EndpointResponse handle(RequestContext context, EndpointRequest request) throws Exception;
    }

    /** One running call; cancelled by the gateway or by the stream's end. */
    private static final class Running {
        final Thread worker;
        volatile boolean cancelled;

        Running(Thread worker) {
            this.worker = worker;
        }

        void cancel() {
            cancelled = true;
            worker.interrupt();
        }
    }

    private final ServerCallStreamObserver<EndpointCallResult> results;
    private final Endpoint endpoint;
    private final System.Logger pluginLog;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    /** Answers come from many threads; a stream takes one message at a time. */
    private final ReentrantLock sending = new ReentrantLock();
    private volatile boolean closed;

    EndpointCallsHandler(StreamObserver<EndpointCallResult> results, Endpoint endpoint, System.Logger pluginLog) {
        this.results = (ServerCallStreamObserver<EndpointCallResult>) results;
        this.endpoint = endpoint;
        this.pluginLog = pluginLog;
        this.results.setOnCancelHandler(this::cancelAll);
    }

    @Override
    public void onNext(EndpointCall call) {
        long id = call.getCallId();
        switch (call.getKindCase()) {
            case REQUEST -> start(id, call.getRequest());
            case CANCEL -> {
                Running r = running.remove(id);
                if (r != null) {
                    r.cancel();
                }
            }
            case KIND_NOT_SET -> send(failure(id, Status.INVALID_ARGUMENT.withDescription("call " + id
                    + " carries neither a request nor a cancel")));
        }
    }

    private void start(long id, EndpointRequest request) {
        Thread worker = Thread.ofVirtual().unstarted(() -> run(id, request));
        Running r = new Running(worker);
        if (running.putIfAbsent(id, r) != null) {
            send(failure(id, Status.INVALID_ARGUMENT.withDescription("call id " + id + " is already running")));
            return;
        }
        worker.start();
    }

    private void run(long id, EndpointRequest request) {
        Running self = running.get(id);
        RequestContext context = new BasicRequestContext(request.getContext().getRequestId(), pluginLog,
                () -> self == null || self.cancelled || closed);
        EndpointCallResult result;
        try {
            result = EndpointCallResult.newBuilder().setCallId(id)
                    .setResponse(endpoint.handle(context, request)).build();
        } catch (StatusRuntimeException e) {
            result = failure(id, e.getStatus());
        } catch (Throwable t) {
            if (context.isCancelled()) {
                running.remove(id);
                return;
            }
            LOG.log(WARNING, "[" + context.requestId() + "] plugin call failed", t);
            result = failure(id, Status.UNKNOWN.withDescription("plugin failed: " + t.getClass().getSimpleName()));
        }
        // a call cancelled meanwhile is no longer awaited; its id may not be answered twice
        if (running.remove(id) != null && !context.isCancelled()) {
            send(result);
        }
    }

    private static EndpointCallResult failure(long id, Status status) {
        return EndpointCallResult.newBuilder().setCallId(id).setFailure(EndpointCallFailure.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(status.getDescription() == null ? "" : status.getDescription())).build();
    }

    private void send(EndpointCallResult result) {
        sending.lock();
        try {
            if (!closed) {
                results.onNext(result);
            }
        } catch (RuntimeException e) {
            // the stream ended under us: the gateway fails the calls it was waiting for
            closed = true;
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        cancelAll();
    }

    @Override
    public void onCompleted() {
        cancelAll();
        sending.lock();
        try {
            results.onCompleted();
        } catch (RuntimeException ignored) {
            // already cancelled
        } finally {
            sending.unlock();
        }
    }

    private void cancelAll() {
        closed = true;
        running.values().forEach(Running::cancel);
        running.clear();
    }
}
