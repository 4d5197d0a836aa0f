package io.aigw.plugin.api;

import java.util.Map;

/** Per-request data the gateway passes along with a request (the seed's request "context"). */
public record RequestMetadata(String requestId, Map<String, String> metadata) {

    public static final RequestMetadata EMPTY = new RequestMetadata("", Map.of());

    public RequestMetadata {
        requestId = requestId == null ? "" : requestId;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
