package io.aigw.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResponseStreamTest {

    private final List<ResponseChunk> sent = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ResponseStream stream = new ResponseStream(sent::add, cancelled::get);

    @Test
    void deliversHeadersBodyDoneInOrder() throws Exception {
        stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream"));
        stream.sendBody("data: 1\n\n");
        stream.done();
        assertEquals(3, sent.size());
        assertInstanceOf(ResponseChunk.HeadersChunk.class, sent.get(0));
        assertEquals("data: 1\n\n", new String(((ResponseChunk.BodyChunk) sent.get(1)).data()));
        assertInstanceOf(ResponseChunk.DoneChunk.class, sent.get(2));
    }

    @Test
    void refusesBodyBeforeHeadersAndAnythingAfterTheEnd() throws Exception {
        assertThrows(IllegalStateException.class, () -> stream.sendBody("x"));
        assertThrows(IllegalStateException.class, stream::done);
        stream.sendHeaders(200, Headers.empty());
        assertThrows(IllegalStateException.class, () -> stream.sendHeaders(200, Headers.empty()));
        stream.done();
        assertThrows(IllegalStateException.class, () -> stream.sendBody("late"));
        assertThrows(IllegalStateException.class, () -> stream.error("late"));
        assertEquals(2, sent.size());
    }

    @Test
    void errorIsAllowedBeforeOrAfterHeaders() throws Exception {
        stream.error("boom");
        assertInstanceOf(ResponseChunk.ErrorChunk.class, sent.getFirst());
    }

    @Test
    void sendsFailOnceCancelled() throws Exception {
        stream.sendHeaders(200, Headers.empty());
        cancelled.set(true);
        assertThrows(StreamCancelledException.class, () -> stream.sendBody("x"));
        assertEquals(1, sent.size());
    }
}
