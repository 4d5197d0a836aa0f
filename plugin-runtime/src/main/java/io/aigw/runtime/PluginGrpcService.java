package io.aigw.runtime;

import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;
import io.aigw.runtime.proto.CreateResourceInstanceRequest;
import io.aigw.runtime.proto.EndpointCall;
import io.aigw.runtime.proto.EndpointCallResult;
import io.aigw.runtime.proto.EndpointRequest;
import io.aigw.runtime.proto.EndpointResponse;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.GetEndpointRegistrationsResponse;
import io.aigw.runtime.proto.GetResourceInstanceRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsResponse;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.ListResourceInstancesRequest;
import io.aigw.runtime.proto.ListResourceInstancesResponse;
import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PingResponse;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.aigw.runtime.proto.ResourceInstance;
import io.aigw.runtime.proto.ShutdownRequest;
import io.aigw.runtime.proto.ShutdownResponse;
import io.aigw.runtime.proto.ValidateResourceSelectionRequest;
import io.aigw.runtime.proto.ValidateResourceSelectionResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Serves one plugin-api plugin over the contract in {@code plugin.proto}. Plugin code runs blocking
 * on a virtual thread of its own per call; when the gateway cancels a call (client gone, deadline)
 * that thread is interrupted and the plugin's {@link RequestContext} reports cancelled.
 */
final class PluginGrpcService extends PluginServiceGrpc.PluginServiceImplBase {

    private static final System.Logger LOG = System.getLogger(PluginGrpcService.class.getName());

    private final Plugin plugin;
    private final String version;
    private final Runnable onShutdown;
    private volatile System.Logger pluginLog = System.getLogger("plugin");
    /** The store of the current load, when the gateway offered host services. */
    private volatile HostStoreClient storeClient;

    PluginGrpcService(Plugin plugin, String version, Runnable onShutdown) {
        this.plugin = plugin;
        this.version = version;
        this.onShutdown = onShutdown;
    }

    @Override
    public void initialize(InitializeRequest request, StreamObserver<InitializeResponse> response) {
        unary(response, () -> {
            if (request.getProtocolVersion() != 0 && request.getProtocolVersion() != Handshake.PROTOCOL_VERSION) {
                throw Status.FAILED_PRECONDITION.withDescription("this plugin speaks protocol version "
                        + Handshake.PROTOCOL_VERSION + ", not " + request.getProtocolVersion()).asRuntimeException();
            }
            String name = request.getPluginName().isEmpty() ? "plugin" : request.getPluginName();
            pluginLog = BasicPluginContext.loggerFor(name);
            plugin.initialize(new BasicPluginContext(name, pluginLog, connectStore(request)), request.getConfigMap());
            List<String> capabilities = new ArrayList<>();
            if (plugin instanceof CustomEndpointHandler) {
                capabilities.add(Capabilities.CUSTOM_ENDPOINT);
                capabilities.add(Capabilities.ENDPOINT_CALL_STREAM);
            }
            if (plugin instanceof ResourceProvider) {
                capabilities.add(Capabilities.RESOURCE_PROVIDER);
            }
            return InitializeResponse.newBuilder().addAllCapabilities(capabilities).setPluginVersion(version).build();
        });
    }

    /**
     * The plugin's store over the host-services channel this Initialize names; a later Initialize
     * (a grpc:// plugin reloaded) replaces it, since the host revoked the previous load's token.
     */
    private PluginStore connectStore(InitializeRequest request) {
        HostStoreClient previous = storeClient;
        storeClient = null;
        if (previous != null) {
            previous.close();
        }
        if (!request.hasHostServices()) {
            return PluginStore.unavailable("the gateway offered no host-services channel at Initialize, so this "
                    + "plugin has no store (a gateway older than plugin storage)");
        }
        try {
            storeClient = HostStoreClient.connect(request.getHostServices(), HostStoreClient.CALL_TIMEOUT);
        } catch (RuntimeException e) {
            // e.g. a Unix socket where this platform has none: the plugin serves, its store says why not
            LOG.log(WARNING, "cannot use the gateway's host-services channel: " + e.getMessage());
            return PluginStore.unavailable("cannot reach the gateway's host-services channel: " + e.getMessage());
        }
        return storeClient;
    }

    @Override
    public void ping(PingRequest request, StreamObserver<PingResponse> response) {
        // answered on the transport's thread: a ping must not wait behind plugin work
        response.onNext(PingResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
        unary(response, () -> {
            try {
                plugin.shutdown();
            } finally {
                HostStoreClient store = storeClient;
                if (store != null) {
                    store.close();
                }
                onShutdown.run();
            }
            return ShutdownResponse.getDefaultInstance();
        });
    }

    @Override
    public void getEndpointRegistrations(GetEndpointRegistrationsRequest request,
                                         StreamObserver<GetEndpointRegistrationsResponse> response) {
        unary(response, () -> GetEndpointRegistrationsResponse.newBuilder()
                .addAllRegistrations(endpoints().getEndpointRegistrations().stream().map(Wire::registration).toList())
                .build());
    }

    @Override
    public void handleEndpointRequest(EndpointRequest request, StreamObserver<EndpointResponse> response) {
        unary(response, () -> handle(context(request.getContext().getRequestId()), request));
    }

    @Override
    public StreamObserver<EndpointCall> endpointCalls(StreamObserver<EndpointCallResult> results) {
        return new EndpointCallsHandler(results, this::handle, pluginLog);
    }

    private EndpointResponse handle(RequestContext context, EndpointRequest request) throws Exception {
        var result = endpoints().handleEndpointRequest(context, Wire.request(request));
        if (result == null) {
            throw Status.INTERNAL.withDescription("plugin returned no response").asRuntimeException();
        }
        return Wire.response(result);
    }

    @Override
    public void handleEndpointRequestStream(EndpointRequest request, StreamObserver<EndpointResponseChunk> response) {
        var call = (ServerCallStreamObserver<EndpointResponseChunk>) response;
        String requestId = request.getContext().getRequestId();
        Thread[] worker = new Thread[1];
        GrpcChunkSink sink = new GrpcChunkSink(call, () -> {
            Thread t = worker[0];
            if (t != null) {
                t.interrupt();
            }
        });
        ResponseStream stream = new ResponseStream(sink, sink::isCancelled);
        RequestContext context = new BasicRequestContext(requestId, pluginLog, sink::isCancelled);
        worker[0] = Thread.ofVirtual().name("stream-" + requestId).unstarted(() -> {
            try {
                endpoints().handleEndpointRequestStream(context, Wire.request(request), stream);
                if (!stream.isFinished()) {
                    sink.accept(stream.headersSent() ? ResponseChunk.DONE
                            : new ResponseChunk.ErrorChunk("plugin returned without sending a response"));
                }
            } catch (StreamCancelledException | InterruptedException e) {
                // the gateway cancelled the call: nobody is listening
            } catch (Throwable t) {
                if (!sink.isCancelled()) {
                    LOG.log(WARNING, "[" + requestId + "] streaming handler failed", t);
                    if (!stream.isFinished()) {
                        try {
                            stream.error("plugin failed while streaming: " + t.getClass().getSimpleName());
                        } catch (Exception ignored) {
                            // the call ended meanwhile
                        }
                    }
                }
            } finally {
                sink.end();
            }
        });
        if (Context.current().isCancelled()) {
            return;
        }
        worker[0].start();
    }

    @Override
    public void getResourceTypeRegistrations(GetResourceTypeRegistrationsRequest request,
                                             StreamObserver<GetResourceTypeRegistrationsResponse> response) {
        unary(response, () -> GetResourceTypeRegistrationsResponse.newBuilder()
                .addAllRegistrations(resources().getResourceTypeRegistrations().stream()
                        .map(Wire::resourceType).toList())
                .build());
    }

    @Override
    public void listResourceInstances(ListResourceInstancesRequest request,
                                      StreamObserver<ListResourceInstancesResponse> response) {
        unary(response, () -> ListResourceInstancesResponse.newBuilder()
                .addAllInstances(resources().listResourceInstances(context(""), request.getSlug()).stream()
                        .map(Wire::instance).toList())
                .build());
    }

    @Override
    public void getResourceInstance(GetResourceInstanceRequest request, StreamObserver<ResourceInstance> response) {
        unary(response, () -> {
            var instance = resources().getResourceInstance(context(""), request.getSlug(), request.getInstanceId());
            if (instance == null) {
                throw Status.NOT_FOUND.withDescription("no instance '" + request.getInstanceId() + "' of type '"
                        + request.getSlug() + "'").asRuntimeException();
            }
            return Wire.instance(instance);
        });
    }

    @Override
    public void validateResourceSelection(ValidateResourceSelectionRequest request,
                                          StreamObserver<ValidateResourceSelectionResponse> response) {
        unary(response, () -> {
            try {
                resources().validateResourceSelection(context(""), request.getSlug(), request.getInstanceIdsList(),
                        request.getAppId());
                return ValidateResourceSelectionResponse.newBuilder().setValid(true).build();
            } catch (ResourceSelectionRejectedException e) {
                return ValidateResourceSelectionResponse.newBuilder().setValid(false)
                        .setErrorMessage(String.valueOf(e.getMessage())).build();
            }
        });
    }

    @Override
    public void createResourceInstance(CreateResourceInstanceRequest request,
                                       StreamObserver<ResourceInstance> response) {
        unary(response, () -> {
            try {
                return Wire.instance(resources().createResourceInstance(context(""), request.getSlug(),
                        request.getPayload().toByteArray()));
            } catch (ResourcePayloadRejectedException e) {
                // the sender's mistake, with the plugin's message for them (a failure says only its class)
                throw Status.INVALID_ARGUMENT.withDescription(String.valueOf(e.getMessage())).asRuntimeException();
            }
        });
    }

    private CustomEndpointHandler endpoints() {
        if (plugin instanceof CustomEndpointHandler h) {
            return h;
        }
        throw Status.UNIMPLEMENTED.withDescription("this plugin has no custom_endpoint capability")
                .asRuntimeException();
    }

    private ResourceProvider resources() {
        if (plugin instanceof ResourceProvider p) {
            return p;
        }
        throw Status.UNIMPLEMENTED.withDescription("this plugin has no resource_provider capability")
                .asRuntimeException();
    }

    private RequestContext context(String requestId) {
        Context call = Context.current();
        return new BasicRequestContext(requestId, pluginLog, call::isCancelled);
    }

    /**
     * Runs plugin code on a virtual thread of its own, interrupted if the gateway cancels the call.
     * Plugin exceptions become UNKNOWN with only the exception's class: details stay in this log.
     */
    private <T> void unary(StreamObserver<T> response, Callable<T> work) {
        Context call = Context.current();
        Thread worker = Thread.ofVirtual().unstarted(call.wrap(() -> {
            try {
                T value = work.call();
                response.onNext(value);
                response.onCompleted();
            } catch (io.grpc.StatusRuntimeException e) {
                response.onError(e);
            } catch (Throwable t) {
                if (call.isCancelled()) {
                    response.onError(Status.CANCELLED.asRuntimeException());
                    return;
                }
                LOG.log(WARNING, "plugin call failed", t);
                response.onError(Status.UNKNOWN.withDescription("plugin failed: " + t.getClass().getSimpleName())
                        .asRuntimeException());
            }
        }));
        call.addListener(c -> worker.interrupt(), Runnable::run);
        worker.start();
    }

    static void logStarted(Handshake handshake) {
        LOG.log(INFO, "serving on {0} {1}", handshake.network().label(), handshake.address());
    }
}
