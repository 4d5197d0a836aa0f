package io.aigw.plugin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The blocking sink a streaming handler writes to. It enforces HEADERS → BODY* → DONE (or ERROR):
 * sending out of order throws {@link IllegalStateException}; sending after the client went away
 * throws {@link StreamCancelledException}. Sends may block while the client is slow. Safe to use
 * from several threads.
 */
public final class ResponseStream {

    private enum State { NEW, HEADERS_SENT, FINISHED }

    private final ChunkSink sink;
    private final BooleanSupplier cancelled;
    private State state = State.NEW;

    /** For transports: {@code cancelled} reports whether the consumer has given up. */
    public ResponseStream(ChunkSink sink, BooleanSupplier cancelled) {
        this.sink = sink;
        this.cancelled = cancelled;
    }

    public synchronized void sendHeaders(int status, Headers headers) throws IOException {
        expect(State.NEW, "headers were already sent");
        deliver(new ResponseChunk.HeadersChunk(status, headers));
        state = State.HEADERS_SENT;
    }

    public synchronized void sendBody(byte[] data) throws IOException {
        expect(State.HEADERS_SENT, state == State.NEW ? "send headers before the body" : "stream is finished");
        deliver(new ResponseChunk.BodyChunk(data));
    }

    /** Sends UTF-8 text, e.g. one SSE event {@code "data: {...}\n\n"}. */
    public void sendBody(String text) throws IOException {
        sendBody(text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void done() throws IOException {
        expect(State.HEADERS_SENT, state == State.NEW ? "send headers before done" : "stream is finished");
        state = State.FINISHED;
        deliver(ResponseChunk.DONE);
    }

    /** Fails the response: 502 if no headers were sent yet, otherwise the stream is cut. */
    public synchronized void error(String message) throws IOException {
        if (state == State.FINISHED) {
            throw new IllegalStateException("stream is finished");
        }
        state = State.FINISHED;
        deliver(new ResponseChunk.ErrorChunk(message));
    }

    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    public synchronized boolean headersSent() {
        return state != State.NEW;
    }

    public synchronized boolean isFinished() {
        return state == State.FINISHED;
    }

    private void expect(State expected, String problem) {
        if (state != expected) {
            throw new IllegalStateException(problem);
        }
    }

    private void deliver(ResponseChunk chunk) throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new StreamCancelledException("client went away or the stream's time limit passed");
        }
        sink.accept(chunk);
    }
}
