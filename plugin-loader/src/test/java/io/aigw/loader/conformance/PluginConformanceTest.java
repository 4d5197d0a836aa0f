package io.aigw.loader.conformance;

import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance checker against real plugins: it passes the Java echo binary and the Node.js
 * plugin, and fails, naming the violation, plugins that break chunk order or never exit after
 * Shutdown. Also grpc:// plugins with the Resource Provider calls, one of them keeping its
 * instances in the scratch store the checker offers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginConformanceTest {

    static final Path ECHO = Path.of(System.getProperty("echo.launcher")).toAbsolutePath().normalize();
    static final Path NODE = Path.of(System.getProperty("node.echo.launcher")).toAbsolutePath().normalize();

    Path scripts;

    @BeforeAll
    void scripts() throws IOException {
        scripts = Files.createTempDirectory("aigw-conformance-");
    }

    @AfterAll
    void cleanUp() throws IOException {
        try (var files = Files.walk(scripts)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(int exit, String output) {
        List<String> lines(String verdict, String check) {
            return output.lines().filter(l -> l.startsWith(verdict) && l.substring(6).startsWith(check + " "))
                    .toList();
        }
    }

    static Run check(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = PluginConformance.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    static List<String> withStreams(String target, String... extra) {
        List<String> args = new ArrayList<>(List.of(target, "--get", "/public", "--get", "/users/1?a=1",
                "--get", "/stream?count=30&interval_ms=100", "--stream-window", "2s",
                // a JVM plugin on a busy 2-core machine can take several seconds to print its handshake
                "--timeout", "30s"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void theJavaEchoBinaryConforms() {
        Run run = check(withStreams("file://" + ECHO, "--config", "slug=echo").toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        for (String check : List.of("manifest", "cookie", "protocol-versions", "handshake", "socket", "initialize",
                "registrations", "unary", "endpoint-calls", "stream-order", "cancellation", "shutdown",
                "exit-after-shutdown", "exit-on-stdin-eof")) {
            assertEquals(List.of(), run.lines("FAIL", check), run.output());
            assertTrue(!run.lines("PASS", check).isEmpty(), check + " passed:\n" + run.output());
        }
    }

    @Test
    void theNodePluginConforms() {
        Run run = check(withStreams("file://" + NODE, "--config", "slug=node-echo").toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        for (String check : List.of("manifest", "cookie", "protocol-versions", "handshake", "socket",
                "protocol-version", "initialize", "registrations", "unary", "stream-order", "cancellation",
                "shutdown", "exit-after-shutdown", "exit-on-stdin-eof")) {
            assertTrue(!run.lines("PASS", check).isEmpty(), check + " passed:\n" + run.output());
        }
        assertTrue(run.lines("PASS", "socket").getFirst().contains("Unix socket"), run.output());
    }

    @Test
    void aPluginBreakingChunkOrderFails() throws IOException {
        Path broken = script("node-chunk-order", NODE + " --break=chunk-order");
        Run run = check(withStreams("file://" + broken).toArray(String[]::new));
        assertEquals(1, run.exit(), run.output());
        List<String> failures = run.lines("FAIL", "stream-order");
        assertEquals(1, failures.size(), run.output());
        assertTrue(failures.getFirst().contains("BODY before HEADERS"), run.output());
        assertTrue(run.output().contains("VIOLATES the plugin contract"), run.output());
    }

    @Test
    void aPluginThatNeverExitsAfterShutdownFails() throws IOException {
        Path broken = script("node-no-exit", NODE + " --break=no-exit");
        Run run = check(withStreams("file://" + broken).toArray(String[]::new));
        assertEquals(1, run.exit(), run.output());
        List<String> failures = run.lines("FAIL", "exit-after-shutdown");
        assertEquals(1, failures.size(), run.output());
        assertTrue(failures.getFirst().contains("still running 5 s after answering Shutdown")
                && failures.getFirst().contains("ignored SIGTERM too"), run.output());
        assertTrue(!run.lines("PASS", "shutdown").isEmpty(), "Shutdown itself was answered:\n" + run.output());
    }

    /** An MCP server registry served by the Java runtime on tcp, checked as a grpc:// plugin. */
    static final class Registry implements ResourceProvider {
        @Override
        public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
            return List.of(new ResourceTypeRegistration("mcp_servers", "MCP Servers", "", "", true, false, null));
        }

        @Override
        public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
            return List.of(new ResourceInstance("s1", "One", "", 40, "{}", true));
        }

        @Override
        public ResourceInstance getResourceInstance(RequestContext context, String slug, String id) {
            return id.equals("s1") ? listResourceInstances(context, slug).getFirst() : null;
        }

        @Override
        public void validateResourceSelection(RequestContext context, String slug, List<String> ids, long appId) {
        }

        @Override
        public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
            throw new IllegalStateException("the checker must not create instances");
        }
    }

    @Test
    void aGrpcPluginWithResourcesIsCheckedWithoutProcessChecks() throws Exception {
        try (PluginServer server = PluginServer.start(new Registry(), "1.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { })) {
            Run run = check("grpc://" + server.handshake().address());
            assertEquals(0, run.exit(), run.output());
            for (String check : List.of("initialize", "ping", "resource-types", "list-instances", "get-instance",
                    "validate-selection")) {
                assertTrue(!run.lines("PASS", check).isEmpty(), check + " passed:\n" + run.output());
            }
            for (String check : List.of("handshake", "shutdown", "registrations", "create-instance")) {
                assertTrue(!run.lines("SKIP", check).isEmpty(), check + " skipped:\n" + run.output());
            }
        }
    }

    /** A provider keeping its instances in its plugin store, as the knowledge-bases example does. */
    static final class StoredRegistry implements ResourceProvider {
        private volatile PluginStore store;

        @Override
        public void initialize(PluginContext context, Map<String, String> config) {
            store = context.store();
            store.putString("instances/s1", "One");
        }

        @Override
        public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
            return List.of(new ResourceTypeRegistration("mcp_servers", "MCP Servers", "", "", true, false, null));
        }

        @Override
        public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
            return store.entries("instances/", null, 100).items().stream().map(e -> new ResourceInstance(
                    e.key().substring("instances/".length()), new String(e.value(), StandardCharsets.UTF_8), "", 10,
                    "", true)).toList();
        }

        @Override
        public ResourceInstance getResourceInstance(RequestContext context, String slug, String id) {
            return listResourceInstances(context, slug).stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElse(null);
        }

        @Override
        public void validateResourceSelection(RequestContext context, String slug, List<String> ids, long appId) {
        }

        @Override
        public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
            throw new IllegalStateException("the checker must not create instances");
        }
    }

    @Test
    void aProviderKeepingItsInstancesInItsStoreIsOfferedAScratchStore() throws Exception {
        try (PluginServer server = PluginServer.start(new StoredRegistry(), "1.0", Handshake.Network.TCP, null,
                1 << 20, () -> { })) {
            Run run = check("grpc://" + server.handshake().address());
            assertEquals(0, run.exit(), run.output());
            assertEquals(List.of("PASS  list-instances         mcp_servers: 1 instances"),
                    run.lines("PASS", "list-instances"), run.output());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, check().exit());
        assertEquals(2, check("http://example.com").exit());
        assertEquals(2, check("file:///no/such/plugin").exit());
    }

    private Path script(String name, String command) throws IOException {
        Path file = scripts.resolve(name);
        Files.writeString(file, "#!/bin/sh\nexec " + command + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
