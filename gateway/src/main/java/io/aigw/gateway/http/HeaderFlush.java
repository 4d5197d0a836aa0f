package io.aigw.gateway.http;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;

import java.util.function.BiConsumer;

/**
 * Sends a streamed response's status line and headers before its first body byte. Helidon sends
 * them with the first bytes written (an empty flush sends nothing), and offers flushing them alone
 * only to sinks; so this is a sink (registered in {@code META-INF/services}) whose creation does
 * just that. Call {@link #now} after {@code res.outputStream()}, then write to that stream as usual.
 */
public final class HeaderFlush implements SinkProvider<Void> {

    /** The sink type; asking a response for it flushes the headers. */
    public static final GenericType<Flushed> TYPE = GenericType.create(Flushed.class);

    /** The sink: it has nothing to emit, its creation was the point. */
    public static final class Flushed implements Sink<Void> {
        @Override
        public Sink<Void> emit(Void event) {
            return this;
        }

        @Override
        public void close() {
            // the response's output stream closes the response
        }
    }

    /** Sends {@code res}'s status and headers now; its output stream must already be open. */
    public static void now(ServerResponse res) {
        res.sink(TYPE);
    }

    @Override
    public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
        return TYPE.equals(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<Void>> X create(SinkProviderContext context) {
        context.flushHeaders();
        return (X) new Flushed();
    }

    /**
     * The SPI's older entry point, still abstract in Helidon 4: Helidon 4.1 and later create sinks
     * through {@link #create(SinkProviderContext)}, and without a context the headers cannot be
     * flushed, so reaching this is a Helidon mismatch, never a request to serve.
     */
    @Override
    @SuppressWarnings("removal")
    public <X extends Sink<Void>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
                                           Runnable closeRunnable) {
        throw new IllegalStateException("Helidon created the header-flush sink without a SinkProviderContext; "
                + "this gateway needs Helidon 4.1 or later");
    }
}
