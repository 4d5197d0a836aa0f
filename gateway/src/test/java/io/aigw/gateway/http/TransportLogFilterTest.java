package io.aigw.gateway.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportLogFilterTest {

    @Test
    void aFloodOfConnectionWarningsIsAtMostOneLineWithoutStackTrace() {
        TransportLogFilter.install();
        Logger logger = Logger.getLogger("io.helidon.webserver.ConnectionHandler");
        List<LogRecord> published = new ArrayList<>();
        Handler capture = capture(published);
        logger.addHandler(capture);
        try {
            for (int i = 0; i < 1000; i++) {
                logger.log(Level.WARNING, "unexpected exception", new IOException("client sent\r\nFAKE LINE"));
            }
            logger.log(Level.WARNING, "a warning without exception passes");
        } finally {
            logger.removeHandler(capture);
        }
        List<LogRecord> withException = published.stream().filter(r -> r.getMessage().contains("unexpected")).toList();
        assertTrue(withException.size() <= 1, withException.size() + " lines for 1000 warnings");
        withException.forEach(r -> {
            assertNull(r.getThrown(), "no stack trace");
            assertFalse(r.getMessage().contains("\n"), "one line: " + r.getMessage());
        });
        assertEquals("a warning without exception passes", published.getLast().getMessage());
    }

    @Test
    void otherLoggersKeepTheirStackTraces() {
        TransportLogFilter.install();
        Logger logger = Logger.getLogger("io.helidon.webserver.http.ErrorHandlers");
        List<LogRecord> published = new ArrayList<>();
        Handler capture = capture(published);
        logger.addHandler(capture);
        try {
            logger.log(Level.WARNING, "a handler failed", new IllegalStateException("bug"));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, published.size());
        assertTrue(published.getFirst().getThrown() instanceof IllegalStateException);
    }

    private static Handler capture(List<LogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
