package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseStream;

import java.io.IOException;

/** {@code /mcp}: one MCP server fronting every server the App holds. */
final class Aggregator {

    private final Upstream upstream;
    private final Credentials credentials;
    private final SessionSeal seal;
    private final Settings settings;
    private final ObjectMapper json;

    Aggregator(Upstream upstream, Credentials credentials, SessionSeal seal, Settings settings, ObjectMapper json) {
        this.upstream = upstream;
        this.credentials = credentials;
        this.seal = seal;
        this.settings = settings;
        this.json = json;
    }

    void serve(RequestContext ctx, EndpointRequest request, ResponseStream stream) throws IOException {
        Answers.error(stream, 501, "the aggregated endpoint is not built yet");
    }
}
