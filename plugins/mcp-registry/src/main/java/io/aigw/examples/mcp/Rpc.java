package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 messages as MCP uses them. */
final class Rpc {

    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined: an upstream could not answer. */
    static final int UPSTREAM_FAILED = -32010;

    private Rpc() {
    }

    static boolean isRequest(JsonNode m) {
        return m.hasNonNull("method") && m.has("id") && !m.path("id").isNull();
    }

    static boolean isNotification(JsonNode m) {
        return m.hasNonNull("method") && !m.has("id");
    }

    static boolean isResponse(JsonNode m) {
        return !m.has("method") && m.has("id") && (m.has("result") || m.has("error"));
    }

    static ObjectNode result(ObjectMapper json, JsonNode id, JsonNode result) {
        ObjectNode r = json.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    static ObjectNode error(ObjectMapper json, JsonNode id, int code, String message) {
        ObjectNode r = json.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id == null ? json.nullNode() : id);
        r.putObject("error").put("code", code).put("message", message);
        return r;
    }
}
