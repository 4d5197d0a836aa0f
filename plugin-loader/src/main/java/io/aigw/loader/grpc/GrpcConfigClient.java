package io.aigw.loader.grpc;

import io.aigw.plugin.api.ConfigProvider;
import io.aigw.runtime.proto.GetConfigSchemaRequest;

/** An external plugin's config_provider capability: its config schema, bounded like every unary call. */
final class GrpcConfigClient implements ConfigProvider {

    private final GrpcCalls calls;

    GrpcConfigClient(GrpcCalls calls) {
        this.calls = calls;
    }

    @Override
    public byte[] getConfigSchema() throws Exception {
        return calls.call("GetConfigSchema", calls.settings().unaryTimeout(),
                s -> s.getConfigSchema(GetConfigSchemaRequest.getDefaultInstance())).getSchema().toByteArray();
    }
}
