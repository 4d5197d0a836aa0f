package io.aigw.loader.grpc;

import com.google.protobuf.ByteString;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiLimits;
import io.aigw.plugin.api.UiRpcRefusedException;
import io.aigw.runtime.proto.GetAssetRequest;
import io.aigw.runtime.proto.GetManifestRequest;
import io.aigw.runtime.proto.HandleRPCRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;

/**
 * An external plugin's ui_provider capability. Each call carries the gateway's unary limit as its
 * deadline; the control plane bounds its own wait on top ({@code PluginHost.call}). Assets and RPC
 * answers may be larger than the channel's message limit (which is sized for HTTP bodies), up to
 * the UI's own limits. A missing asset is null; a refused RPC ({@code INVALID_ARGUMENT},
 * {@code PERMISSION_DENIED}, {@code NOT_FOUND}) is the plugin-api's {@link UiRpcRefusedException}.
 */
final class GrpcUiClient implements UIProvider {

    /** Room for the message's own fields around the largest content. */
    private static final int HEADROOM = 64 * 1024;

    private final GrpcCalls calls;

    GrpcUiClient(GrpcCalls calls) {
        this.calls = calls;
    }

    private Duration deadline() {
        return calls.settings().unaryTimeout();
    }

    @Override
    public UiAsset getAsset(String path) throws Exception {
        try {
            var answer = calls.call("GetAsset", deadline(), s -> s
                    .withMaxInboundMessageSize(UiLimits.MAX_ASSET_BYTES + HEADROOM)
                    .getAsset(GetAssetRequest.newBuilder().setPath(path).build()));
            return new UiAsset(answer.getContent().toByteArray(), answer.getContentType());
        } catch (PluginCallException e) {
            if (statusOf(e) == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public byte[] getManifest() throws Exception {
        return calls.call("GetManifest", deadline(), s -> s.getManifest(GetManifestRequest.getDefaultInstance()))
                .getManifest().toByteArray();
    }

    @Override
    public byte[] handleRpc(RequestContext context, UiCaller caller, String method, byte[] payload)
            throws Exception {
        HandleRPCRequest request = HandleRPCRequest.newBuilder()
                .setMethod(method)
                .setPayload(ByteString.copyFrom(payload))
                .setCaller(io.aigw.runtime.proto.UiCaller.newBuilder().setUserId(caller.userId())
                        .setEmail(caller.email()).setIsAdmin(caller.isAdmin()))
                .setRequestId(context == null ? "" : context.requestId())
                .build();
        try {
            return calls.call("HandleRPC", deadline(), s -> s
                    .withMaxInboundMessageSize(UiLimits.MAX_RPC_RESULT_BYTES + HEADROOM)
                    .handleRPC(request)).getResult().toByteArray();
        } catch (PluginCallException e) {
            UiRpcRefusedException.Reason reason = switch (statusOf(e)) {
                case INVALID_ARGUMENT -> UiRpcRefusedException.Reason.INVALID;
                case PERMISSION_DENIED -> UiRpcRefusedException.Reason.FORBIDDEN;
                case NOT_FOUND -> UiRpcRefusedException.Reason.NOT_FOUND;
                case null, default -> null;
            };
            if (reason == null) {
                throw e;
            }
            throw new UiRpcRefusedException(reason, String.valueOf(
                    ((StatusRuntimeException) e.getCause()).getStatus().getDescription()));
        }
    }

    private static Status.Code statusOf(PluginCallException e) {
        return e.getCause() instanceof StatusRuntimeException s ? s.getStatus().getCode() : null;
    }
}
