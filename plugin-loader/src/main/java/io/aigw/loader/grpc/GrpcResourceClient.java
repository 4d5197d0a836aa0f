package io.aigw.loader.grpc;

import com.google.protobuf.ByteString;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.runtime.Wire;
import io.aigw.runtime.proto.CreateResourceInstanceRequest;
import io.aigw.runtime.proto.GetResourceInstanceRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsRequest;
import io.aigw.runtime.proto.ListResourceInstancesRequest;
import io.aigw.runtime.proto.ValidateResourceSelectionRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.List;

/**
 * An external plugin's resource_provider capability (seed 003's five calls). Each carries the
 * gateway's unary limit as its deadline; the control plane bounds its own wait on top
 * ({@code PluginHost.call}). Failures are mapped as {@link GrpcCalls} says; a rejected selection
 * is the plugin-api's {@link ResourceSelectionRejectedException}, a refused creation payload
 * ({@code INVALID_ARGUMENT}) its {@link ResourcePayloadRejectedException}.
 */
final class GrpcResourceClient implements ResourceProvider {

    private final GrpcCalls calls;

    GrpcResourceClient(GrpcCalls calls) {
        this.calls = calls;
    }

    private Duration deadline() {
        return calls.settings().unaryTimeout();
    }

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() throws Exception {
        return calls.call("GetResourceTypeRegistrations", deadline(),
                s -> s.getResourceTypeRegistrations(GetResourceTypeRegistrationsRequest.getDefaultInstance()))
                .getRegistrationsList().stream().map(Wire::resourceType).toList();
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) throws Exception {
        return calls.call("ListResourceInstances", deadline(), s -> s.listResourceInstances(
                ListResourceInstancesRequest.newBuilder().setSlug(slug).build()))
                .getInstancesList().stream().map(Wire::instance).toList();
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId)
            throws Exception {
        try {
            return calls.call("GetResourceInstance", deadline(), s -> Wire.instance(s.getResourceInstance(
                    GetResourceInstanceRequest.newBuilder().setSlug(slug).setInstanceId(instanceId).build())));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws Exception {
        var verdict = calls.call("ValidateResourceSelection", deadline(), s -> s.validateResourceSelection(
                ValidateResourceSelectionRequest.newBuilder().setSlug(slug).addAllInstanceIds(instanceIds)
                        .setAppId(appId).build()));
        if (!verdict.getValid()) {
            throw new ResourceSelectionRejectedException(verdict.getErrorMessage());
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload)
            throws Exception {
        try {
            io.aigw.runtime.proto.ResourceInstance created = calls.call("CreateResourceInstance", deadline(),
                    s -> s.createResourceInstance(CreateResourceInstanceRequest.newBuilder().setSlug(slug)
                            .setPayload(ByteString.copyFrom(payload)).build()));
            return Wire.instance(created);
        } catch (PluginCallException e) {
            if (e.getCause() instanceof StatusRuntimeException s
                    && s.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw new ResourcePayloadRejectedException(String.valueOf(s.getStatus().getDescription()));
            }
            throw e;
        }
    }
}
