package io.aigw.studio.e2e;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A plugin that answers what no plugin should, run as an external binary by
 * {@link ExternalPluginFaultTest} and in-process by {@link InProcessPluginFaultTest} (always from
 * its own jar or process, never from the test's class path).
 */
public final class MisbehavingPlugin implements CustomEndpointHandler {

    /**
     * Config {@code spin_while_exists=<file>}: burns CPU in initialize(), deaf to interruption,
     * for as long as that file exists (so the test decides when it ends).
     */
    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        String flag = config.get("spin_while_exists");
        if (flag != null) {
            Path file = Path.of(flag);
            while (Files.exists(file)) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(
                EndpointRegistration.builder("/*").methods("GET").build(),
                EndpointRegistration.builder("/stream/*").methods("GET").streamResponse(true).build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request)
            throws Exception {
        return switch (request.relativePath()) {
            case "/status-0" -> EndpointResponse.text(0, "zero");
            case "/status-999" -> EndpointResponse.text(999, "too big");
            case "/crlf-header" -> EndpointResponse.of(200, Headers.of("X-Split", "a\r\nInjected: yes"), new byte[0]);
            case "/oom" -> throw new OutOfMemoryError("Java heap space (thrown by the plugin)");
            case "/exit" -> {
                System.exit(1);
                yield EndpointResponse.text(200, "System.exit returned");
            }
            case "/halt" -> {
                Runtime.getRuntime().halt(1);
                yield EndpointResponse.text(200, "Runtime.halt returned");
            }
            case "/sleep" -> {
                Thread.sleep(30_000);
                yield EndpointResponse.text(200, "late");
            }
            default -> EndpointResponse.text(200, "fine");
        };
    }

    @Override
    public void handleEndpointRequestStream(RequestContext context, EndpointRequest request, ResponseStream stream)
            throws Exception {
        switch (request.relativePath()) {
            case "/stream/status-999" -> stream.sendHeaders(999, Headers.empty());
            case "/stream/crlf-header" -> stream.sendHeaders(200, Headers.of("X-Split", "a\nb"));
            case "/stream/sleep" -> Thread.sleep(30_000);
            case "/stream/oom" -> throw new OutOfMemoryError("Java heap space (thrown by the plugin)");
            default -> {
                stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream"));
                stream.sendBody("data: fine\n\n");
            }
        }
        stream.done();
    }
}
