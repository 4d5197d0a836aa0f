package io.aigw.loader.grpc;

import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.loader.store.HostServices;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;
import io.aigw.runtime.Capabilities;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Wire;
import io.aigw.runtime.proto.CreateResourceInstanceRequest;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.GetResourceInstanceRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsRequest;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.ListResourceInstancesRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.aigw.runtime.proto.ShutdownRequest;
import io.aigw.runtime.proto.ValidateResourceSelectionRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.WARNING;

/**
 * An external plugin behind the plugin-api interfaces, so the gateway dispatches to it exactly as
 * to an in-process one. A unary endpoint call's deadline is the gateway's own limit (the gateway
 * calls external plugins inline, so the deadline is what answers 504 on time); other calls carry
 * one a little past the gateway's limits. An interrupted caller cancels its call. Failures are mapped for the
 * dispatcher: deadline → {@link TimeoutException} (504), broken connection →
 * {@link PluginUnavailableException} (503), anything else → {@link PluginCallException} (502).
 */
final class GrpcPluginClient implements CustomEndpointHandler, ResourceProvider {

    /**
     * Requests with larger bodies go as calls of their own: on the shared stream a big body would
     * hold up the small calls behind it (one stream, one flow-control window).
     */
    static final int CALL_STREAM_MAX_BODY_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(GrpcPluginClient.class.getName());

    private final String target;
    private final ChannelPool pool;
    private final PluginServiceGrpc.PluginServiceBlockingStub stub;
    private final ExternalPluginSettings settings;
    private final boolean ownsProcess;
    private final HostServices hostServices;
    /** The host-services access of the current load; replaced by each Initialize. */
    private volatile HostServices.Session session;
    private volatile String version = "";
    /** Whether the plugin announced {@link Capabilities#ENDPOINT_CALL_STREAM}. */
    private volatile boolean callStreams;
    /** Whether the plugin announced {@link Capabilities#CUSTOM_ENDPOINT}: only then is it asked for routes. */
    private volatile boolean endpoints;

    /**
     * @param ownsProcess whether the gateway started the plugin; only then does its shutdown tell
     *                    the plugin to exit (a grpc:// plugin is someone else's to stop)
     */
    GrpcPluginClient(String target, ChannelPool pool, PluginServiceGrpc.PluginServiceBlockingStub stub,
                     ExternalPluginSettings settings, boolean ownsProcess, HostServices hostServices) {
        this.hostServices = hostServices;
        this.target = target;
        this.pool = pool;
        this.stub = stub;
        this.settings = settings;
        this.ownsProcess = ownsProcess;
    }

    String version() {
        return version;
    }

    /** Whether small unary calls go over the EndpointCalls stream. */
    boolean usesCallStreams() {
        return callStreams;
    }

    // ---- lifecycle

    /**
     * Sends Initialize with a fresh host-services session, so the plugin's store (the one the host
     * put in {@code context}) is reachable from its process under a token of this load only.
     */
    @Override
    public void initialize(PluginContext context, Map<String, String> config) throws Exception {
        InitializeRequest.Builder request = InitializeRequest.newBuilder().putAllConfig(config)
                .setPluginName(context.pluginName()).setProtocolVersion(Handshake.PROTOCOL_VERSION);
        closeSession();
        try {
            session = hostServices.open(context.pluginName(), context.store());
            request.setHostServices(session.endpoint());
        } catch (IOException e) {
            // the plugin still serves; its store calls say why they fail
            LOG.log(WARNING, "Plugin {0}: no host-services channel, so no store: {1}", context.pluginName(),
                    e.getMessage());
        }
        InitializeResponse response = call("Initialize", settings.handshakeTimeout(), s -> s.initialize(
                request.build()));
        version = response.getPluginVersion();
        callStreams = response.getCapabilitiesList().contains(Capabilities.ENDPOINT_CALL_STREAM);
        endpoints = response.getCapabilitiesList().contains(Capabilities.CUSTOM_ENDPOINT);
    }

    /** Revokes the current load's host-services token. */
    void closeSession() {
        HostServices.Session current = session;
        session = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void shutdown() throws Exception {
        if (ownsProcess) {
            call("Shutdown", settings.handshakeTimeout(), s -> s.shutdown(ShutdownRequest.getDefaultInstance()));
        }
    }

    // ---- custom endpoint

    /** The plugin's routes; none without the custom_endpoint capability (the call is not made). */
    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        if (!endpoints) {
            return List.of();
        }
        try {
            return call("GetEndpointRegistrations", settings.handshakeTimeout(),
                    s -> s.getEndpointRegistrations(GetEndpointRegistrationsRequest.getDefaultInstance()))
                    .getRegistrationsList().stream().map(Wire::registration).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) throws Exception {
        Duration deadline = settings.unaryTimeout();
        io.aigw.runtime.proto.EndpointResponse response;
        if (callStreams && request.body().length <= CALL_STREAM_MAX_BODY_BYTES) {
            try {
                response = pool.callStream().call(Wire.request(request), deadline);
            } catch (StatusRuntimeException e) {
                throw translate("HandleEndpointRequest", e);
            }
        } else {
            response = call("HandleEndpointRequest", deadline, s -> s.handleEndpointRequest(Wire.request(request)));
        }
        return Wire.response(response);
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request, ResponseStream stream)
            throws Exception {
        Duration deadline = settings.streamTimeout().plus(ExternalPluginSettings.DEADLINE_HEADROOM);
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            Iterator<EndpointResponseChunk> chunks = call.call(() -> stub
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
            throw translate("HandleEndpointRequestStream", e);
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

    // ---- resource provider

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() throws Exception {
        return call("GetResourceTypeRegistrations", settings.unaryTimeout(),
                s -> s.getResourceTypeRegistrations(GetResourceTypeRegistrationsRequest.getDefaultInstance()))
                .getRegistrationsList().stream().map(Wire::resourceType).toList();
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) throws Exception {
        return call("ListResourceInstances", settings.unaryTimeout(), s -> s.listResourceInstances(
                ListResourceInstancesRequest.newBuilder().setSlug(slug).build()))
                .getInstancesList().stream().map(Wire::instance).toList();
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId)
            throws Exception {
        try {
            return Wire.instance(stub.withDeadlineAfter(settings.unaryTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getResourceInstance(GetResourceInstanceRequest.newBuilder().setSlug(slug)
                            .setInstanceId(instanceId).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw translate("GetResourceInstance", e);
        }
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws Exception {
        var verdict = call("ValidateResourceSelection", settings.unaryTimeout(), s -> s.validateResourceSelection(
                ValidateResourceSelectionRequest.newBuilder().setSlug(slug).addAllInstanceIds(instanceIds)
                        .setAppId(appId).build()));
        if (!verdict.getValid()) {
            throw new ResourceSelectionRejectedException(verdict.getErrorMessage());
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload)
            throws Exception {
        io.aigw.runtime.proto.ResourceInstance created = call("CreateResourceInstance", settings.unaryTimeout(),
                s -> s.createResourceInstance(CreateResourceInstanceRequest.newBuilder().setSlug(slug)
                        .setPayload(com.google.protobuf.ByteString.copyFrom(payload)).build()));
        return Wire.instance(created);
    }

    // ---- calls and failures

    private interface Call<T> {
        T on(PluginServiceGrpc.PluginServiceBlockingStub stub);
    }

    private <T> T call(String what, Duration deadline, Call<T> call) throws Exception {
        try {
            return call.on(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(what + " was cancelled");
            }
            throw translate(what, e);
        }
    }

    private Exception translate(String what, StatusRuntimeException e) {
        Status status = e.getStatus();
        String detail = what + " on " + target + ": " + status.getCode()
                + (status.getDescription() == null ? "" : " " + status.getDescription());
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> {
                TimeoutException timeout = new TimeoutException(detail);
                timeout.initCause(e);
                yield timeout;
            }
            case UNAVAILABLE -> new PluginUnavailableException(detail, e);
            default -> new PluginCallException(detail, e);
        };
    }
}
