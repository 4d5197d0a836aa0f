package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.StreamCancelledException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a plugin's send is told: a chunk that got into the relay was sent, whatever happens to the
 * stream after; a chunk offered to a relay already cancelled was not.
 */
class ChunkRelayTest {

    /** A queue that cancels its relay the moment a chunk is in: the writer taking the last chunk and hanging up. */
    private static final class CancelledOnceQueued extends ArrayBlockingQueue<ResponseChunk> {
        ChunkRelay relay;

        CancelledOnceQueued() {
            super(16);
        }

        @Override
        public boolean offer(ResponseChunk chunk, long timeout, TimeUnit unit) throws InterruptedException {
            boolean queued = super.offer(chunk, timeout, unit);
            relay.cancel();
            return queued;
        }
    }

    @Test
    void theLastChunkIsSentEvenWhenTheWriterCancelsRightAfterTakingIt() throws Exception {
        CancelledOnceQueued queue = new CancelledOnceQueued();
        ChunkRelay relay = new ChunkRelay(queue);
        queue.relay = relay;

        relay.accept(ResponseChunk.DONE); // does not throw: the client has the whole response

        assertThrows(StreamCancelledException.class, () -> relay.accept(new ResponseChunk.BodyChunk(new byte[1])),
                "what comes after the cancel is refused");
    }

    @Test
    void aChunkOfferedAfterTheCancelIsRefusedAndNeverReachesTheWriter() throws Exception {
        ChunkRelay relay = new ChunkRelay();
        relay.cancel();

        assertThrows(StreamCancelledException.class, () -> relay.accept(ResponseChunk.DONE));
        assertEquals(null, relay.next(Duration.ZERO));
    }

    @Test
    void aPluginBlockedOnAFullRelayIsReleasedByTheCancel() throws Exception {
        ChunkRelay relay = new ChunkRelay();
        for (int i = 0; i < 16; i++) {
            relay.accept(new ResponseChunk.BodyChunk(new byte[] {(byte) i}));
        }
        Thread cancel = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100); // only so the send below is blocked first; either order must refuse it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            relay.cancel();
        });
        assertThrows(StreamCancelledException.class, () -> relay.accept(ResponseChunk.DONE));
        cancel.join();
    }
}
