package io.aigw.examples.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Reads a {@code text/event-stream} body one event at a time, as raw bytes up to and including the
 * blank line that ends it, so a relay can forward each event the moment it is complete, unchanged.
 * Lines end in LF, CRLF or CR (the SSE grammar). An event larger than {@link #MAX_EVENT} is handed
 * on in pieces at line ends rather than held: nothing is ever buffered without bound.
 */
final class SseReader {

    static final int MAX_EVENT = 1 << 20;

    private final PushbackInputStream in;

    SseReader(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
    }

    /** The next event's bytes (or a piece of an oversized one), or null at the end of the stream. */
    byte[] next() throws IOException {
        ByteArrayOutputStream event = new ByteArrayOutputStream(256);
        int lineLength = 0;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return event.size() == 0 ? null : event.toByteArray(); // an unterminated last event
            }
            event.write(b);
            if (b == '\r') {
                int n = in.read();
                if (n == '\n') {
                    event.write(n);
                } else if (n != -1) {
                    in.unread(n);
                }
            }
            if (b == '\r' || b == '\n') {
                if (lineLength == 0) {
                    return event.toByteArray(); // a blank line: the event is complete
                }
                lineLength = 0;
                if (event.size() >= MAX_EVENT) {
                    return event.toByteArray();
                }
            } else {
                lineLength++;
            }
        }
    }

    /**
     * The {@code data} of an event (its data lines joined by LF), or null when it has none (a
     * comment, or only {@code id}/{@code event}/{@code retry} fields).
     */
    static String data(byte[] event) {
        String text = new String(event, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder data = null;
        for (String line : text.split("\r\n|\r|\n")) {
            String value;
            if (line.equals("data")) {
                value = "";
            } else if (line.startsWith("data:")) {
                value = line.substring(5);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
            } else {
                continue;
            }
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }
}
