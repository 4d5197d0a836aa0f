package io.aigw.gateway.testing;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseStream;

import java.util.List;
import java.util.Map;

/**
 * A plugin written inside a test: its endpoints and what it does with a request, given as lambdas.
 * Loaded through {@link InTestLauncher}, so the host treats it as any in-process plugin.
 */
public final class TestPlugin implements CustomEndpointHandler {

    /** A unary handler. */
    @FunctionalInterface
    public interface Unary {
        EndpointResponse handle(RequestContext context, EndpointRequest request) throws Exception;
    }

    /** A streaming handler. */
    @FunctionalInterface
    public interface Streaming {
        void handle(RequestContext context, EndpointRequest request, ResponseStream stream) throws Exception;
    }

    private final List<EndpointRegistration> registrations;
    private final Unary unary;
    private final Streaming streaming;
    private final String initFailure;

    private TestPlugin(List<EndpointRegistration> registrations, Unary unary, Streaming streaming,
                       String initFailure) {
        this.registrations = List.copyOf(registrations);
        this.unary = unary;
        this.streaming = streaming;
        this.initFailure = initFailure;
    }

    public static TestPlugin unary(List<EndpointRegistration> registrations, Unary unary) {
        return new TestPlugin(registrations, unary, (c, r, s) -> s.error("no stream here"), null);
    }

    public static TestPlugin streaming(List<EndpointRegistration> registrations, Streaming streaming) {
        return new TestPlugin(registrations, (c, r) -> EndpointResponse.text(200, "unary"), streaming, null);
    }

    public static TestPlugin of(List<EndpointRegistration> registrations, Unary unary, Streaming streaming) {
        return new TestPlugin(registrations, unary, streaming, null);
    }

    /** A plugin whose {@code initialize()} throws {@code reason}: it never serves. */
    public static TestPlugin failingInit(String reason) {
        return new TestPlugin(List.of(EndpointRegistration.builder("/*").methods("GET").build()),
                (c, r) -> EndpointResponse.text(200, "never"), (c, r, s) -> s.error("never"), reason);
    }

    /** Answers every GET with 200 and the relative path it was asked for. */
    public static TestPlugin pathEcho(List<EndpointRegistration> registrations) {
        return unary(registrations, (c, r) -> EndpointResponse.text(200, r.relativePath()));
    }

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        if (initFailure != null) {
            throw new IllegalStateException(initFailure);
        }
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return registrations;
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) throws Exception {
        return unary.handle(context, request);
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request, ResponseStream stream)
            throws Exception {
        streaming.handle(context, request, stream);
    }
}
