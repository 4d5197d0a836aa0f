package io.aigw.loader.grpc;

import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Unary calls to one external plugin, with their failures mapped for whoever called: deadline →
 * {@link TimeoutException} (504), broken connection → {@link PluginUnavailableException} (503),
 * anything else → {@link PluginCallException} (502). An interrupted caller cancels its call.
 */
final class GrpcCalls {

    /** One call on a stub that already carries its deadline. */
    interface Call<T> {
        T on(PluginServiceGrpc.PluginServiceBlockingStub stub);
    }

    private final String target;
    private final ChannelPool pool;
    private final PluginServiceGrpc.PluginServiceBlockingStub stub;
    private final ExternalPluginSettings settings;

    /** @param target how the plugin is reached, for messages, e.g. {@code tcp 127.0.0.1:4567} */
    GrpcCalls(String target, ChannelPool pool, PluginServiceGrpc.PluginServiceBlockingStub stub,
              ExternalPluginSettings settings) {
        this.target = target;
        this.pool = pool;
        this.stub = stub;
        this.settings = settings;
    }

    ChannelPool pool() {
        return pool;
    }

    PluginServiceGrpc.PluginServiceBlockingStub stub() {
        return stub;
    }

    ExternalPluginSettings settings() {
        return settings;
    }

    <T> T call(String what, Duration deadline, Call<T> call) throws Exception {
        try {
            return call.on(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(what + " was cancelled");
            }
            throw translate(what, e);
        }
    }

    Exception translate(String what, StatusRuntimeException e) {
        return GrpcFailures.exception(what + " on " + target, e);
    }
}
