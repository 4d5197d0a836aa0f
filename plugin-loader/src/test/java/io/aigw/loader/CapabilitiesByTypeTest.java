package io.aigw.loader;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginFailedException;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.PluginStatus;
import io.aigw.loader.host.PluginTimeoutException;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.loader.host.RestartPolicy;
import io.aigw.loader.testing.TestJars;
import io.aigw.loader.testing.plugins.RegistryPlugin;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host a process's main opens ({@link LocalPluginHost}) loads plugins whatever they can do, and
 * offers each exactly the capabilities it has: a Resource Provider that serves no endpoints, as a
 * jar and as an external binary, loads and is asked for no routes; an endpoint plugin reached over
 * gRPC is no Resource Provider. Control-plane calls go through {@link PluginHost#call}.
 */
class CapabilitiesByTypeTest {

    static final Path ECHO_LAUNCHER = Path.of(System.getProperty("echo.launcher")).toAbsolutePath().normalize();
    static final Duration CALL_LIMIT = Duration.ofSeconds(20);

    record Context(String requestId, System.Logger logger) implements RequestContext {
        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    static final Context CONTEXT = new Context("control-plane", System.getLogger("test"));

    @TempDir
    Path tmp;

    @Test
    void aResourceProviderOnlyJarAndBinaryLoadWithThatCapabilityAndNoRoutes() throws Exception {
        Path pluginsDir = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.plugin(pluginsDir.resolve("registry.jar"), """
                {"id": "registry", "name": "Registry", "version": "1.0",
                 "capabilities": {"hooks": ["resource_provider"], "primary_hook": "resource_provider"}}
                """, RegistryPlugin.class);
        Path binary = registryBinary();
        try (LocalPluginHost plugins = LocalPluginHost.open(settings(pluginsDir))) {
            PluginHost host = plugins.host();
            host.apply(List.of(new PluginSpec(1, "registry-jar", "pf4j:registry", Map.of("slug", "registry")),
                    new PluginSpec(2, "registry-bin", "file://" + binary, Map.of())));
            for (long id : List.of(1L, 2L)) {
                String which = id == 1 ? "jar" : "binary";
                PluginStatus status = host.status(id).orElseThrow();
                assertEquals(PluginState.RUNNING, status.state(), which + ": " + status);
                assertTrue(host.capability(id, ResourceProvider.class).isPresent(), which);
                assertTrue(host.capability(id, CustomEndpointHandler.class).isEmpty(), which + " serves no endpoints");
                assertEquals(List.of(), entry(host, id).serving().registrations(), which + ": asked for no routes");

                List<ResourceInstance> instances = host.call(id, ResourceProvider.class, CALL_LIMIT,
                        p -> p.listResourceInstances(CONTEXT, "mcp_servers"));
                assertEquals(List.of("s1"), instances.stream().map(ResourceInstance::id).toList(), which);
                assertEquals("mcp_servers", host.call(id, ResourceProvider.class, CALL_LIMIT,
                        ResourceProvider::getResourceTypeRegistrations).getFirst().slug(), which);

                PluginFailedException rejected = assertThrows(PluginFailedException.class, () -> host.call(id,
                        ResourceProvider.class, CALL_LIMIT, p -> {
                            p.validateResourceSelection(CONTEXT, "mcp_servers", List.of("s1", "s2"), 7);
                            return null;
                        }), which);
                assertEquals("at most one server per app", assertInstanceOf(
                        ResourceSelectionRejectedException.class, rejected.getCause()).getMessage(), which);

                // the plugin sleeps a minute; the caller is answered at its own limit
                PluginTimeoutException late = assertThrows(PluginTimeoutException.class, () -> host.call(id,
                        ResourceProvider.class, Duration.ofMillis(300),
                        p -> p.getResourceInstance(CONTEXT, "mcp_servers", "slow")), which);
                assertTrue(late.getMessage().contains("did not answer within 300 ms"), late.getMessage());

                PluginUnavailableException noEndpoints = assertThrows(PluginUnavailableException.class,
                        () -> host.call(id, CustomEndpointHandler.class, CALL_LIMIT,
                                CustomEndpointHandler::getEndpointRegistrations), which);
                assertTrue(noEndpoints.getMessage().contains("has no CustomEndpointHandler capability"),
                        noEndpoints.getMessage());
            }

            // in-process code runs as endpoint calls do: on the plugin's own thread, with its class loader
            ResourceInstance where = host.call(1, ResourceProvider.class, CALL_LIMIT,
                    p -> p.listResourceInstances(CONTEXT, "mcp_servers")).getFirst();
            assertTrue(where.name().startsWith("registry-jar-"), "ran on thread " + where.name());
            assertEquals("plugin loader", where.description());
        }
    }

    @Test
    void anEndpointPluginOverGrpcIsNoResourceProviderAndAnUnloadedPluginIsUnavailable() throws Exception {
        CustomEndpointHandler endpointsOnly = () -> List.of(EndpointRegistration.builder("/*").build());
        try (PluginServer server = PluginServer.start(endpointsOnly, "1.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { });
             LocalPluginHost plugins = LocalPluginHost.open(settings(Files.createDirectories(tmp.resolve("p"))))) {
            PluginHost host = plugins.host();
            host.apply(List.of(new PluginSpec(3, "endpoints", "grpc://" + server.handshake().address(), Map.of())));
            assertEquals(PluginState.RUNNING, host.status(3).orElseThrow().state());
            assertTrue(host.capability(3, CustomEndpointHandler.class).isPresent());
            assertEquals(1, entry(host, 3).serving().registrations().size());
            assertTrue(host.capability(3, ResourceProvider.class).isEmpty(),
                    "the gRPC adapter offers only what Initialize announced");
            PluginUnavailableException noProvider = assertThrows(PluginUnavailableException.class,
                    () -> host.call(3, ResourceProvider.class, CALL_LIMIT,
                            ResourceProvider::getResourceTypeRegistrations));
            assertTrue(noProvider.getMessage().contains("has no ResourceProvider capability"),
                    noProvider.getMessage());

            PluginUnavailableException unknown = assertThrows(PluginUnavailableException.class,
                    () -> host.call(99, ResourceProvider.class, CALL_LIMIT,
                            ResourceProvider::getResourceTypeRegistrations));
            assertEquals("plugin 99 is not loaded", unknown.getMessage());
            assertTrue(host.capability(99, ResourceProvider.class).isEmpty());
        }
    }

    private PluginHostSettings settings(Path pluginsDir) {
        return new PluginHostSettings(pluginsDir, Duration.ofHours(1), tmp.resolve("staging"),
                ExternalPluginSettings.defaults(Duration.ofSeconds(20), Duration.ofSeconds(20), 1 << 20),
                Duration.ofSeconds(60), Duration.ofSeconds(5), RestartPolicy.DEFAULT, CallLimits.DEFAULT);
    }

    private static PluginEntry entry(PluginHost host, long id) {
        return host.entries().stream().filter(e -> e.spec().id() == id).findFirst().orElseThrow();
    }

    /**
     * {@link RegistryPlugin} as an external binary: the runtime's main with the plugin declared on
     * its class path, and the echo launcher's runtime libraries.
     */
    private Path registryBinary() throws IOException, URISyntaxException {
        Path dir = Files.createDirectories(tmp.resolve("registry-bin"));
        Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
        Files.writeString(services.resolve("io.aigw.plugin.api.Plugin"), RegistryPlugin.class.getName() + "\n");
        Path classes = Path.of(RegistryPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path binary = dir.resolve("registry");
        Files.writeString(binary, "#!/bin/sh\nexec " + java + " -cp '" + dir.resolve("services") + ":" + classes + ":"
                + ECHO_LAUNCHER.getParent().resolve("external-lib") + "/*' io.aigw.runtime.ExternalPluginMain\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        return binary;
    }
}
