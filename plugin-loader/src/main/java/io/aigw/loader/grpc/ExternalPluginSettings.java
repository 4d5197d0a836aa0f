package io.aigw.loader.grpc;

import java.time.Duration;

/**
 * Limits for external plugins.
 *
 * @param handshakeTimeout how long a started binary may take to print its handshake line, and
 *                         Initialize to answer
 * @param pingInterval     how often the supervisor pings a plugin
 * @param pingTimeout      the deadline of one ping; two failed pings in a row mark the plugin dead
 * @param unaryTimeout     the gateway's limit for a unary call ({@code PLUGIN_ENDPOINT_UNARY_TIMEOUT})
 * @param streamTimeout    the gateway's limit for a stream ({@code PLUGIN_ENDPOINT_STREAM_TIMEOUT})
 * @param maxBodySize      the largest request body ({@code PLUGIN_ENDPOINT_MAX_BODY_SIZE})
 */
public record ExternalPluginSettings(Duration handshakeTimeout, Duration pingInterval, Duration pingTimeout,
                                     Duration unaryTimeout, Duration streamTimeout, long maxBodySize) {

    /**
     * Stream deadlines sit this much past the gateway's own limit: the gateway ends a stream at its
     * total duration itself; the deadline only catches a call that somehow outlived it.
     */
    static final Duration DEADLINE_HEADROOM = Duration.ofSeconds(1);
    /** Room for the request's other fields on top of the body. */
    static final int MESSAGE_HEADROOM_BYTES = 1 << 20;

    public static ExternalPluginSettings defaults(Duration unaryTimeout, Duration streamTimeout, long maxBodySize) {
        return new ExternalPluginSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(1),
                unaryTimeout, streamTimeout, maxBodySize);
    }

    public ExternalPluginSettings withHandshakeTimeout(Duration timeout) {
        return new ExternalPluginSettings(timeout, pingInterval, pingTimeout, unaryTimeout, streamTimeout, maxBodySize);
    }

    int maxMessageBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + MESSAGE_HEADROOM_BYTES);
    }
}
