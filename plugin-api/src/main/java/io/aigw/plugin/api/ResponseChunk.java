package io.aigw.plugin.api;

/** One piece of a streamed response, in the order HEADERS → BODY* → DONE (or ERROR). */
public sealed interface ResponseChunk {

    /** First chunk: status and headers. */
    record HeadersChunk(int status, Headers headers) implements ResponseChunk {
        public HeadersChunk {
            headers = headers == null ? Headers.empty() : headers;
        }
    }

    /** Raw bytes, flushed to the client as they arrive. */
    record BodyChunk(byte[] data) implements ResponseChunk {
        public BodyChunk {
            data = data == null ? new byte[0] : data;
        }
    }

    /** The response is complete. */
    record DoneChunk() implements ResponseChunk {
    }

    /** The response failed; before headers the client gets 502, after them the stream is cut. */
    record ErrorChunk(String message) implements ResponseChunk {
        public ErrorChunk {
            message = message == null ? "" : message;
        }
    }

    DoneChunk DONE = new DoneChunk();
}
