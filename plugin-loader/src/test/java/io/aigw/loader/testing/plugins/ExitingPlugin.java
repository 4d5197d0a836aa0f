package io.aigw.loader.testing.plugins;

import io.aigw.loader.testing.plugins.bundled.Terminator;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.RequestContext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A plugin whose endpoints try every usual way to end the JVM. Loaded only from a jar built by the
 * test; answers with what the attempt threw, so the test sees the plugin got the exception.
 */
public final class ExitingPlugin implements CustomEndpointHandler {

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(EndpointRegistration.builder("/*").methods("GET").build());
    }

    @Override
    public EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request) {
        try {
            switch (request.relativePath()) {
                case "/system-exit" -> System.exit(1);
                case "/runtime-exit" -> Runtime.getRuntime().exit(2);
                case "/runtime-halt" -> Runtime.getRuntime().halt(3);
                case "/method-reference" -> {
                    IntConsumer exit = System::exit;
                    exit.accept(4);
                }
                case "/bound-method-reference" -> {
                    IntConsumer halt = Runtime.getRuntime()::halt;
                    halt.accept(5);
                }
                case "/lambda" -> {
                    Runnable r = () -> Runtime.getRuntime().exit(6);
                    r.run();
                }
                case "/find-static" -> MethodHandles.lookup()
                        .findStatic(System.class, "exit", MethodType.methodType(void.class, int.class)).invoke(7);
                case "/find-virtual" -> MethodHandles.lookup()
                        .findVirtual(Runtime.class, "halt", MethodType.methodType(void.class, int.class))
                        .invoke(Runtime.getRuntime(), 8);
                case "/bundled-library" -> Terminator.fatal("disk full");
                default -> {
                    return EndpointResponse.text(200, "fine");
                }
            }
            return EndpointResponse.text(200, "still running after " + request.relativePath());
        } catch (SecurityException e) {
            return EndpointResponse.text(500, e.getClass().getName() + ": " + e.getMessage());
        } catch (Throwable e) {
            return EndpointResponse.text(500, "unexpected " + e);
        }
    }
}
