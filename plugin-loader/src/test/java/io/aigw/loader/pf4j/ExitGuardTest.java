package io.aigw.loader.pf4j;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.testing.CapturedLog;
import io.aigw.loader.testing.TestJars;
import io.aigw.loader.testing.plugins.ExitingPlugin;
import io.aigw.loader.testing.plugins.bundled.Terminator;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An in-process plugin calling System.exit, Runtime.exit or Runtime.halt: were any of these to get
 * through, this test JVM would end here and the build would report a crashed fork.
 */
class ExitGuardTest {

    @TempDir
    Path tmp;

    @Test
    void everyWayOfEndingTheJvmThrowsInsideThePluginAndTheHostCarriesOn() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.plugin(plugins.resolve("exiting.jar"), TestJars.manifest("exiting", "1"), ExitingPlugin.class,
                Terminator.class);
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("/system-exit", "System.exit(1)");
        attempts.put("/runtime-exit", "Runtime.exit(2)");
        attempts.put("/runtime-halt", "Runtime.halt(3)");
        attempts.put("/method-reference", "System.exit(4)");
        attempts.put("/bound-method-reference", "Runtime.halt(5)");
        attempts.put("/lambda", "Runtime.exit(6)");
        attempts.put("/find-static", "MethodHandles.Lookup.findStatic(System, \"exit\")");
        attempts.put("/find-virtual", "MethodHandles.Lookup.findVirtual(Runtime, \"halt\")");
        attempts.put("/bundled-library", "System.exit(70)");

        try (PluginDirectory directory = PluginDirectory.open(plugins, Duration.ofHours(1));
             CapturedLog log = new CapturedLog("io.aigw.loader.guard")) {
            Pf4jLauncher launcher = new Pf4jLauncher(directory, tmp.resolve("staging"));
            try (LoadedPlugin loaded = launcher.launch(new PluginSpec(1, "exiting", "pf4j:exiting", Map.of()))) {
                CustomEndpointHandler handler = (CustomEndpointHandler) loaded.plugin();
                for (Map.Entry<String, String> attempt : attempts.entrySet()) {
                    EndpointResponse response = call(handler, attempt.getKey());
                    assertEquals("java.lang.SecurityException: plugins may not end the gateway process: "
                            + attempt.getValue() + " refused", body(response), attempt.getKey());
                    assertEquals(500, response.status());
                }
                assertEquals("fine", body(call(handler, "/anything-else")), "the plugin itself still serves");
            }
            List<String> warnings = log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
            assertEquals(1, warnings.size(), "logged once per plugin: " + log.lines());
            assertEquals("WARNING Plugin exiting tried to end the gateway process (System.exit(1) in "
                    + ExitingPlugin.class.getName() + "); refused with a SecurityException. Further attempts by "
                    + "this plugin are not logged.", warnings.getFirst());
        }
    }

    static EndpointResponse call(CustomEndpointHandler handler, String path) throws Exception {
        return handler.handleEndpointRequest(BasicRequestContext.of("test", System.getLogger("test")),
                new EndpointRequest("GET", "/plugins/exiting" + path, path, List.of(), null, null, null, null, null,
                        null, null, false, null, null));
    }

    static String body(EndpointResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
