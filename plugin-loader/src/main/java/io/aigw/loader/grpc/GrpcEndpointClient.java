package io.aigw.loader.grpc;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;
import io.aigw.runtime.Wire;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external plugin's custom_endpoint capability, so the gateway dispatches to it exactly as to
 * an in-process one. A unary call's deadline is the gateway's own limit (the gateway calls
 * external plugins inline, so the deadline is what answers 504 on time); a stream's sits a little
 * past the gateway's limit. Failures are mapped as {@link GrpcCalls} says.
 */
final class GrpcEndpointClient implements CustomEndpointHandler {

    /**
     * Requests with larger bodies go as calls of their own: on the shared stream a big body would
     * hold up the small calls behind it (one stream, one flow-control window).
     */
    static final int CALL_STREAM_MAX_BODY_BYTES = 64 * 1024;

    private final GrpcCalls calls;
    private final GrpcPluginClient lifecycle;

    GrpcEndpointClient(GrpcCalls calls, GrpcPluginClient lifecycle) {
        this.calls = calls;
        this.lifecycle = lifecycle;
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        try {
            return calls.call("GetEndpointRegistrations", calls.settings().handshakeTimeout(),
                    s -> s.getEndpointRegistrations(GetEndpointRegistrationsRequest.getDefaultInstance()))
                    .getRegistrationsList().stream().map(Wire::registration).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) throws Exception {
        Duration deadline = calls.settings().unaryTimeout();
        io.aigw.runtime.proto.EndpointResponse response;
        if (lifecycle.usesCallStreams() && request.body().length <= CALL_STREAM_MAX_BODY_BYTES) {
            try {
                response = calls.pool().callStream().call(Wire.request(request), deadline);
            } catch (StatusRuntimeException e) {
                throw calls.translate("HandleEndpointRequest", e);
            }
        } else {
            response = calls.call("HandleEndpointRequest", deadline,
                    s -> s.handleEndpointRequest(Wire.request(request)));
        }
        return Wire.response(response);
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request, ResponseStream stream)
            throws Exception {
        Duration deadline = calls.settings().streamTimeout().plus(ExternalPluginSettings.DEADLINE_HEADROOM);
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            Iterator<EndpointResponseChunk> chunks = call.call(() -> calls.stub()
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .handleEndpointRequestStream(Wire.request(request)));
            while (chunks.hasNext()) {
                if (deliver(Wire.chunk(chunks.next()), stream)) {
                    return;
                }
            }
            // The plugin ended the call without DONE or ERROR: the dispatcher finishes what it can.
        } catch (StreamCancelledException e) {
            call.cancel(e);
            throw e;
        } catch (StatusRuntimeException e) {
            if (context.isCancelled() || Thread.currentThread().isInterrupted()) {
                throw new StreamCancelledException("the client went away");
            }
            throw calls.translate("HandleEndpointRequestStream", e);
        } catch (IllegalArgumentException e) {
            throw new PluginCallException("HandleEndpointRequestStream: " + e.getMessage(), e);
        } finally {
            call.cancel(null);
        }
    }

    /** Hands one chunk on; true when it was the last. */
    private static boolean deliver(ResponseChunk chunk, ResponseStream stream) throws Exception {
        switch (chunk) {
            case ResponseChunk.HeadersChunk h -> stream.sendHeaders(h.status(), h.headers());
            case ResponseChunk.BodyChunk b -> stream.sendBody(b.data());
            case ResponseChunk.DoneChunk d -> {
                stream.done();
                return true;
            }
            case ResponseChunk.ErrorChunk e -> {
                stream.error(e.message());
                return true;
            }
        }
        return false;
    }
}
