package io.aigw.plugin.api;

import java.io.IOException;

/** Thrown by a send on a {@link ResponseStream} whose client went away or whose time ran out. */
public class StreamCancelledException extends IOException {
    public StreamCancelledException(String message) {
        super(message);
    }
}
