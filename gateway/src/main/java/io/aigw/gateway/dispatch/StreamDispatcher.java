package io.aigw.gateway.dispatch;

import io.aigw.gateway.Durations;
import io.aigw.loader.calls.CallFailure;
import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.host.Generation;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.ResponseChunk;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Runs a plugin's streaming handler on its own virtual thread and writes each chunk to the client
 * as it arrives (write + flush per BODY chunk). The time limit is the stream's total duration.
 * While an SSE response is idle the gateway writes comment lines, which is how a vanished client
 * is noticed even when the plugin is quiet; on disconnect the plugin is cancelled and interrupted.
 */
final class StreamDispatcher {

    private static final System.Logger LOG = System.getLogger(StreamDispatcher.class.getName());
    private static final byte[] HEARTBEAT = ":\n".getBytes(StandardCharsets.US_ASCII);

    private final Duration timeout;
    private final String timeLimit;
    private final Duration heartbeat;

    StreamDispatcher(Duration timeout, Duration heartbeat) {
        this.timeout = timeout;
        this.timeLimit = Durations.format(timeout);
        this.heartbeat = heartbeat;
    }

    /** What the writer knows about the response it is producing. */
    private static final class Progress {
        OutputStream out;
        boolean sse;
        boolean atLineStart = true;
    }

    void dispatch(Generation generation, String pluginName, EndpointRequest request, ServerResponse res) {
        String requestId = request.context().requestId();
        CustomEndpointHandler handler = generation.endpointHandler();
        ChunkRelay relay = new ChunkRelay();
        ResponseStream stream = new ResponseStream(relay, relay::isCancelled);
        BasicRequestContext context = new BasicRequestContext(requestId,
                PluginLoggers.of(pluginName), relay::isCancelled);
        Thread plugin;
        try {
            plugin = generation.calls().startStream("stream-" + requestId, () -> {
                try {
                    handler.handleEndpointRequestStream(context, request, stream);
                    if (!stream.isFinished()) {
                        relay.finish(stream.headersSent() ? ResponseChunk.DONE
                                : new ResponseChunk.ErrorChunk("plugin returned without sending a response"));
                    }
                } catch (StreamCancelledException e) {
                    // the client is gone; nothing to tell anyone
                } catch (Throwable t) {
                    if (!relay.isCancelled()) {
                        PluginFailure failure = PluginFailure.of(t, requestId, pluginName, timeLimit);
                        relay.fail(failure.status(), new ResponseChunk.ErrorChunk(failure.message()));
                    }
                }
            });
        } catch (PluginBusyException e) {
            PluginFailure.of(e, requestId, pluginName, timeLimit).send(res);
            return;
        }
        try {
            relayToClient(relay, res, requestId, pluginName);
        } finally {
            if (plugin.isAlive()) {
                relay.cancel();
                plugin.interrupt();
            }
        }
    }

    private void relayToClient(ChunkRelay relay, ServerResponse res, String requestId, String pluginName) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Progress progress = new Progress();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                relay.cancel();
                LOG.log(WARNING, "[{0}] stream from plugin {1} hit the {2} limit", requestId, pluginName, timeout);
                if (progress.out == null) {
                    new PluginFailure(CallFailure.TIMED_OUT.httpStatus(), "plugin stream did not complete within "
                            + timeLimit).send(res);
                    return;
                }
                throw new CloseConnectionException("stream time limit reached");
            }
            boolean mayBeat = progress.sse && progress.atLineStart && !heartbeat.isZero();
            Duration wait = Duration.ofNanos(mayBeat ? Math.min(left, heartbeat.toNanos()) : left);
            ResponseChunk chunk;
            try {
                chunk = relay.next(wait);
            } catch (InterruptedException e) {
                relay.cancel();
                Thread.currentThread().interrupt();
                return;
            }
            if (chunk == null) {
                if (mayBeat && !write(progress, HEARTBEAT, relay, requestId)) {
                    return;
                }
                continue;
            }
            switch (chunk) {
                case ResponseChunk.HeadersChunk h -> {
                    String problem = PluginResponses.problem(h.status(), h.headers());
                    if (problem != null) {
                        relay.cancel();
                        LOG.log(WARNING, "[{0}] plugin {1} sent invalid stream headers: {2}", requestId,
                                pluginName, problem);
                        PluginFailure.invalidResponse().send(res);
                        return;
                    }
                    PluginResponses.copy(h.status(), h.headers(), res);
                    String type = h.headers().get("Content-Type");
                    progress.sse = type != null && type.toLowerCase().startsWith("text/event-stream");
                    progress.out = res.outputStream();
                    if (!write(progress, new byte[0], relay, requestId)) {
                        return;
                    }
                }
                case ResponseChunk.BodyChunk b -> {
                    if (!write(progress, b.data(), relay, requestId)) {
                        return;
                    }
                }
                case ResponseChunk.DoneChunk d -> {
                    close(progress, requestId);
                    return;
                }
                case ResponseChunk.ErrorChunk e -> {
                    LOG.log(WARNING, "[{0}] plugin {1} ended its stream with an error: {2}", requestId,
                            pluginName, e.message());
                    if (progress.out == null) {
                        int status = relay.errorStatus();
                        JsonErrors.send(res, status, status == CallFailure.FAILED.httpStatus()
                                ? PluginFailure.FAILED_MESSAGE : e.message());
                        return;
                    }
                    // Headers are out: cutting the connection is the only way to tell the client
                    // the response is incomplete.
                    throw new CloseConnectionException("plugin stream failed after headers were sent");
                }
            }
        }
    }

    /** Writes and flushes; false when the client is gone (the plugin is then cancelled). */
    private static boolean write(Progress progress, byte[] data, ChunkRelay relay, String requestId) {
        try {
            if (data.length > 0) {
                progress.out.write(data);
                progress.atLineStart = data[data.length - 1] == '\n';
            }
            progress.out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            relay.cancel();
            LOG.log(DEBUG, "[{0}] client went away: {1}", requestId, e.getMessage());
            return false;
        }
    }

    private static void close(Progress progress, String requestId) {
        try {
            if (progress.out != null) {
                progress.out.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "[{0}] client went away before the end of the stream: {1}", requestId, e.getMessage());
        }
    }
}
