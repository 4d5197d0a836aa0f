package io.aigw.studio.pluginui;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PluginUiContract} with every plugin a jar dropped into the plugins directory (registered
 * from its manifest, as {@code ./run.sh} does): their UI is called in-process.
 */
class InProcessPluginUiTest extends PluginUiContract {

    @Override
    long installKnowledgeBases(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("kb.jar")), "knowledge-bases.jar");
        long id = registered(system, "pf4j:com.example.knowledge-bases");
        HttpResult configured = system.admin().patch("/api/v1/plugins/" + id, Map.of("config",
                Map.of("max_per_app", "3", "default_region", "eu")));
        assertEquals(200, configured.status(), configured.toString());
        return id;
    }

    @Override
    long installEcho(TestSystem system) {
        system.installEcho();
        return registered(system, echoCommand());
    }

    @Override
    long installLimits(TestSystem system) throws Exception {
        Path jar = PluginJars.ofClass(system.dataDir().resolveSibling("ui-limits.jar"), """
                {"id": "ui-limits", "name": "UI limits", "version": "1.0",
                 "capabilities": {"hooks": ["studio_ui"], "primary_hook": "studio_ui"}}
                """, UiLimitsPlugin.class);
        system.dropPlugin(jar, "ui-limits.jar");
        return registered(system, "pf4j:ui-limits");
    }

    @Override
    String echoCommand() {
        return "pf4j:io.aigw.examples.echo";
    }

    private static long registered(TestSystem system, String command) {
        long[] found = {-1};
        assertTrue(TestSystem.await(WAIT, () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals(command)) {
                    found[0] = p.path("id").asLong();
                }
            }
            return found[0] > 0;
        }), "the dropped-in jar is registered as " + command);
        return found[0];
    }
}
