package io.aigw.loader.conformance;

import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.Header;

import java.util.List;

/**
 * Follows one HandleEndpointRequestStream answer through the order the contract demands:
 * {@code HEADERS → BODY* → DONE}, with ERROR allowed in place of any of them, ending the stream.
 */
final class ChunkOrder {

    private enum State { BEFORE_HEADERS, STREAMING, ENDED }

    private State state = State.BEFORE_HEADERS;
    private int count;
    private int bodies;
    private String ending = "";

    /** Takes the next chunk; returns the violation it is, or null when it is in order. */
    String accept(EndpointResponseChunk chunk) {
        count++;
        String where = "chunk " + count + " (" + chunk.getType() + ")";
        if (state == State.ENDED) {
            return where + " came after " + ending + ", which ends the stream";
        }
        switch (chunk.getType()) {
            case HEADERS -> {
                if (state == State.STREAMING) {
                    return where + ": HEADERS a second time (the gateway answers it as an ERROR: the client's"
                            + " connection is cut)";
                }
                int status = chunk.getStatusCode();
                if (status < 200 || status > 599) {
                    return where + ": status " + status + " is outside 200-599 (the client gets 502)";
                }
                String bad = invalidHeader(chunk.getHeadersList());
                if (bad != null) {
                    return where + ": " + bad + " (the client gets 502)";
                }
                state = State.STREAMING;
            }
            case BODY -> {
                if (state == State.BEFORE_HEADERS) {
                    return where + ": BODY before HEADERS (the gateway answers such a stream 502)";
                }
                bodies++;
            }
            case DONE -> {
                if (state == State.BEFORE_HEADERS) {
                    return where + ": DONE before HEADERS (the gateway answers such a stream 502)";
                }
                state = State.ENDED;
                ending = "DONE";
            }
            case ERROR -> {
                state = State.ENDED;
                ending = "ERROR";
            }
            default -> {
                return where + ": no known chunk type (" + chunk.getTypeValue() + "); the gateway treats it as ERROR";
            }
        }
        return null;
    }

    boolean headersSent() {
        return state != State.BEFORE_HEADERS;
    }

    boolean ended() {
        return state == State.ENDED;
    }

    /** "DONE", "ERROR", or empty while the stream has not ended. */
    String ending() {
        return ending;
    }

    int chunks() {
        return count;
    }

    int bodies() {
        return bodies;
    }

    /** The first header the gateway would refuse, described; null when all are fine. */
    static String invalidHeader(List<Header> headers) {
        for (Header h : headers) {
            if (h.getName().isEmpty()) {
                return "a header without a name";
            }
            if (hasControl(h.getName())) {
                return "header name '" + printable(h.getName()) + "' holds CR, LF or NUL";
            }
            for (String value : h.getValuesList()) {
                if (hasControl(value)) {
                    return "header " + h.getName() + " has a value with CR, LF or NUL";
                }
            }
        }
        return null;
    }

    private static boolean hasControl(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
    }

    private static String printable(String s) {
        return s.replaceAll("[\\r\\n\\x00]", "?");
    }
}
