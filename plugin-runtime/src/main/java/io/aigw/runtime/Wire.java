package io.aigw.runtime;

import com.google.protobuf.ByteString;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.RequestMetadata;
import io.aigw.plugin.api.ResourceFormComponent;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Maps plugin-api values to their protobuf form and back; both ends of the wire use it. */
public final class Wire {

    private Wire() {
    }

    // ---- headers

    public static List<Header> headers(Headers headers) {
        return headers.isEmpty() ? List.of() : java.util.stream.StreamSupport.stream(headers.spliterator(), false)
                .map(h -> Header.newBuilder().setName(h.name()).addAllValues(h.values()).build())
                .toList();
    }

    public static Headers headers(List<Header> headers) {
        if (headers.isEmpty()) {
            return Headers.empty();
        }
        Headers.Builder builder = Headers.builder();
        headers.forEach(h -> h.getValuesList().forEach(v -> builder.add(h.getName(), v)));
        return builder.build();
    }

    // ---- requests and responses

    public static io.aigw.runtime.proto.EndpointRequest request(EndpointRequest r) {
        var b = io.aigw.runtime.proto.EndpointRequest.newBuilder()
                .setMethod(r.method())
                .setPath(nullToEmpty(r.path()))
                .setRelativePath(nullToEmpty(r.relativePath()))
                .addAllPathSegments(r.pathSegments())
                .addAllHeaders(headers(r.headers()))
                .setBody(ByteString.copyFrom(r.body()))
                .setQueryString(r.queryString())
                .setRemoteAddr(r.remoteAddr())
                .setHost(r.host())
                .setProtocol(r.protocol())
                .setContext(io.aigw.runtime.proto.PluginContext.newBuilder()
                        .setRequestId(r.context().requestId()).putAllMetadata(r.context().metadata()))
                .setAuthenticated(r.authenticated())
                .addAllScopes(r.scopes());
        if (r.app() != null) {
            b.setApp(app(r.app()));
        }
        return b.build();
    }

    public static EndpointRequest request(io.aigw.runtime.proto.EndpointRequest r) {
        return new EndpointRequest(r.getMethod(), r.getPath(), r.getRelativePath(), r.getPathSegmentsList(),
                headers(r.getHeadersList()), r.getBody().toByteArray(), r.getQueryString(), r.getRemoteAddr(),
                r.getHost(), r.getProtocol(),
                new RequestMetadata(r.getContext().getRequestId(), r.getContext().getMetadataMap()),
                r.getAuthenticated(), r.hasApp() ? app(r.getApp()) : null, r.getScopesList());
    }

    public static io.aigw.runtime.proto.EndpointResponse response(EndpointResponse r) {
        return io.aigw.runtime.proto.EndpointResponse.newBuilder()
                .setStatusCode(r.status())
                .addAllHeaders(headers(r.headers()))
                .setBody(ByteString.copyFrom(r.body()))
                .build();
    }

    public static EndpointResponse response(io.aigw.runtime.proto.EndpointResponse r) {
        return new EndpointResponse(r.getStatusCode(), headers(r.getHeadersList()), r.getBody().toByteArray());
    }

    public static EndpointResponseChunk chunk(ResponseChunk chunk) {
        return switch (chunk) {
            case ResponseChunk.HeadersChunk h -> EndpointResponseChunk.newBuilder()
                    .setType(EndpointResponseChunk.Type.HEADERS).setStatusCode(h.status())
                    .addAllHeaders(headers(h.headers())).build();
            case ResponseChunk.BodyChunk b -> EndpointResponseChunk.newBuilder()
                    .setType(EndpointResponseChunk.Type.BODY).setData(ByteString.copyFrom(b.data())).build();
            case ResponseChunk.DoneChunk d -> EndpointResponseChunk.newBuilder()
                    .setType(EndpointResponseChunk.Type.DONE).build();
            case ResponseChunk.ErrorChunk e -> EndpointResponseChunk.newBuilder()
                    .setType(EndpointResponseChunk.Type.ERROR).setErrorMessage(e.message()).build();
        };
    }

    /** @throws IllegalArgumentException for a chunk without a known type */
    public static ResponseChunk chunk(EndpointResponseChunk c) {
        return switch (c.getType()) {
            case HEADERS -> new ResponseChunk.HeadersChunk(c.getStatusCode(), headers(c.getHeadersList()));
            case BODY -> new ResponseChunk.BodyChunk(c.getData().toByteArray());
            case DONE -> ResponseChunk.DONE;
            case ERROR -> new ResponseChunk.ErrorChunk(c.getErrorMessage());
            case TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException(
                    "chunk without a known type (" + c.getTypeValue() + ")");
        };
    }

    // ---- registrations

    public static io.aigw.runtime.proto.EndpointRegistration registration(EndpointRegistration r) {
        return io.aigw.runtime.proto.EndpointRegistration.newBuilder()
                .setPath(r.path()).addAllMethods(r.methods()).setDescription(r.description())
                .setRequireAuth(r.requireAuth()).setStreamResponse(r.streamResponse())
                .putAllMetadata(r.metadata()).build();
    }

    public static EndpointRegistration registration(io.aigw.runtime.proto.EndpointRegistration r) {
        return new EndpointRegistration(r.getPath(), r.getMethodsList(), r.getDescription(), r.getRequireAuth(),
                r.getStreamResponse(), r.getMetadataMap());
    }

    public static io.aigw.runtime.proto.ResourceTypeRegistration resourceType(ResourceTypeRegistration r) {
        var b = io.aigw.runtime.proto.ResourceTypeRegistration.newBuilder()
                .setSlug(r.slug()).setName(r.name()).setDescription(r.description()).setIcon(r.icon())
                .setHasPrivacyScore(r.hasPrivacyScore()).setSupportsSubmissions(r.supportsSubmissions());
        if (r.formComponent() != null) {
            b.setFormComponent(io.aigw.runtime.proto.ResourceFormComponent.newBuilder()
                    .setTag(nullToEmpty(r.formComponent().tag()))
                    .setEntryPoint(nullToEmpty(r.formComponent().entryPoint())));
        }
        return b.build();
    }

    public static ResourceTypeRegistration resourceType(io.aigw.runtime.proto.ResourceTypeRegistration r) {
        return new ResourceTypeRegistration(r.getSlug(), r.getName(), r.getDescription(), r.getIcon(),
                r.getHasPrivacyScore(), r.getSupportsSubmissions(), r.hasFormComponent()
                ? new ResourceFormComponent(r.getFormComponent().getTag(), r.getFormComponent().getEntryPoint())
                : null);
    }

    // ---- apps and resources

    public static io.aigw.runtime.proto.App app(App a) {
        return io.aigw.runtime.proto.App.newBuilder()
                .setId(a.id()).setName(a.name()).setDescription(a.description()).setOwnerEmail(a.ownerEmail())
                .setIsActive(a.isActive()).setMonthlyBudget(a.monthlyBudget()).setRateLimit(a.rateLimit())
                .putAllMetadata(a.metadata())
                .addAllPluginResources(a.pluginResources().stream().map(Wire::association).toList())
                .build();
    }

    public static App app(io.aigw.runtime.proto.App a) {
        return new App(a.getId(), a.getName(), a.getDescription(), a.getOwnerEmail(), a.getIsActive(),
                a.getMonthlyBudget(), a.getRateLimit(), a.getMetadataMap(),
                a.getPluginResourcesList().stream().map(Wire::association).toList());
    }

    static io.aigw.runtime.proto.PluginResourceAssociation association(PluginResourceAssociation p) {
        return io.aigw.runtime.proto.PluginResourceAssociation.newBuilder()
                .setPluginId(p.pluginId()).setResourceTypeSlug(nullToEmpty(p.resourceTypeSlug()))
                .addAllInstanceIds(p.instanceIds())
                .addAllInstances(p.instances().stream().map(Wire::instance).toList()).build();
    }

    static PluginResourceAssociation association(io.aigw.runtime.proto.PluginResourceAssociation p) {
        return new PluginResourceAssociation(p.getPluginId(), p.getResourceTypeSlug(), p.getInstanceIdsList(),
                p.getInstancesList().stream().map(Wire::instance).toList());
    }

    public static io.aigw.runtime.proto.ResourceInstance instance(ResourceInstance i) {
        return io.aigw.runtime.proto.ResourceInstance.newBuilder()
                .setId(nullToEmpty(i.id())).setName(nullToEmpty(i.name())).setDescription(i.description())
                .setPrivacyScore(i.privacyScore()).setMetadata(ByteString.copyFromUtf8(i.metadata()))
                .setIsActive(i.isActive()).build();
    }

    public static ResourceInstance instance(io.aigw.runtime.proto.ResourceInstance i) {
        return new ResourceInstance(i.getId(), i.getName(), i.getDescription(), i.getPrivacyScore(),
                i.getMetadata().toString(StandardCharsets.UTF_8), i.getIsActive());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
