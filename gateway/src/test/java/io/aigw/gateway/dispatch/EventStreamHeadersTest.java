package io.aigw.gateway.dispatch;

import io.aigw.gateway.testing.Client;
import io.aigw.gateway.testing.GatewayUnderTest;
import io.aigw.gateway.testing.TestPlugin;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event stream's headers reach the client as soon as the plugin sends them, before any event,
 * even with heartbeats off: a client waiting for a stream to open (MCP's GET stream) is not kept
 * waiting until the plugin first has something to say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamHeadersTest {

    private GatewayUnderTest gateway;
    private Client client;
    private final CountDownLatch clientHasHeaders = new CountDownLatch(1);

    @BeforeAll
    void start() {
        gateway = GatewayUnderTest.start(Map.of("PLUGIN_ENDPOINT_STREAM_HEARTBEAT", "0"));
        client = new Client(gateway);
        gateway.load(1, "s", TestPlugin.streaming(List.of(
                EndpointRegistration.builder("/quiet").methods("GET").streamResponse(true).build()),
                (context, request, stream) -> {
                    stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream", "X-Opened", "yes"));
                    // nothing more until the client has seen the headers
                    if (!clientHasHeaders.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the client never got the headers");
                    }
                    stream.sendBody("data: now\n\n");
                    stream.done();
                }));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void theHeadersOfAQuietEventStreamArriveBeforeItsFirstEvent() throws Exception {
        HttpResponse<InputStream> r = client.open(client.request("/plugins/s/quiet"));
        assertEquals(200, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-Opened").orElse(""));
        clientHasHeaders.countDown();
        try (InputStream body = r.body()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("data: now\n\n", text, "the body is the plugin's, nothing added");
        }
    }
}
