package io.aigw.plugin.api;

import java.io.IOException;

/**
 * Where a {@link ResponseStream} delivers chunks: the gateway's HTTP response in-process, a gRPC
 * stream for an external plugin. Implemented by transports, not by plugins. May block until the
 * consumer has room (backpressure).
 */
@FunctionalInterface
public interface ChunkSink {
    void accept(ResponseChunk chunk) throws IOException;
}
