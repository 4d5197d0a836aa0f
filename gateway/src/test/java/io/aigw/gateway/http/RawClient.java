package io.aigw.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One TCP connection to a server under test, written to byte by byte as a hostile client would:
 * no HTTP library smooths anything over. Every read waits at most {@link #HANG_GUARD}, so a server
 * that neither answers nor closes fails the test instead of hanging it.
 */
public final class RawClient implements AutoCloseable {

    public static final Duration HANG_GUARD = Duration.ofSeconds(15);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) HANG_GUARD.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawClient connect(int port) {
        try {
            return new RawClient(new Socket("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} as ISO-8859-1 bytes (one byte per char, so any byte can be written). */
    public RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends, but a server that already closed (and reset) the connection is not an error. */
    public RawClient trySend(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the server closed first: what it answered is still readable
        }
        return this;
    }

    /** Half-closes: the server sees the end of the request stream, as when a client hangs up. */
    public void hangUp() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response (Content-Length or chunked framed); fails when the connection ends first. */
    public RawReply read() {
        try {
            String head = readHead();
            if (head == null) {
                throw new AssertionError("the server closed the connection without an answer");
            }
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = Integer.parseInt(statusLine[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            byte[] body;
            List<String> length = headers.get("content-length");
            List<String> encoding = headers.get("transfer-encoding");
            if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) {
                body = readChunked();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length.getFirst()));
            } else {
                body = new byte[0];
            }
            return new RawReply(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads whatever the server still sends until it closes the connection (a reset counts as
     * closed); fails with a timeout when the server keeps the connection open.
     */
    public String readUntilClosed() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                rest.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + HANG_GUARD.toSeconds()
                    + " s; it had sent: " + rest.toString(StandardCharsets.ISO_8859_1), e);
        } catch (SocketException e) {
            // reset by the server: closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    /** The one answer before the server closes; null when it closed without one. */
    public RawReply readLastReply() {
        String all = readUntilClosed();
        return all.isEmpty() ? null : RawReply.parse(all);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b;
            try {
                b = in.read();
            } catch (SocketException e) {
                b = -1;
            }
            if (b < 0) {
                return head.size() == 0 ? null : fail(head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static String fail(ByteArrayOutputStream head) {
        throw new AssertionError("the connection ended inside a response head: "
                + head.toString(StandardCharsets.ISO_8859_1));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket cannot fail in a way that matters
        }
    }
}
