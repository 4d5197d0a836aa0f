package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KnowledgeBasesContract} with the example's jar dropped into the plugins directory, as
 * {@code ./run.sh} does: registered from its manifest, then configured by the admin. A second
 * registration is a copy of the jar under another plugin id.
 */
class InProcessKnowledgeBasesTest extends KnowledgeBasesContract {

    static final String ID = "com.example.knowledge-bases";
    private Path away;

    @Override
    long install(TestSystem system, String name) throws IOException {
        Path jar = Path.of(System.getProperty("kb.jar"));
        String id = ID;
        if (!name.equals("knowledge-bases")) {
            id = ID + "-" + name.replaceAll("[^a-z0-9]+", "-");
            jar = PluginJars.withId(jar, system.dataDir().resolveSibling(name + ".jar"), id);
        }
        system.dropPlugin(jar, name + ".jar");
        String command = "pf4j:" + id;
        long[] found = {-1};
        assertTrue(TestSystem.await(WAIT, () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals(command)) {
                    found[0] = p.path("id").asLong();
                }
            }
            return found[0] > 0;
        }), "the dropped-in jar is registered as " + command);
        HttpResult configured = system.admin().patch("/api/v1/plugins/" + found[0], Map.of("config",
                Map.of("max_per_app", String.valueOf(MAX_PER_APP), "default_region", "eu")));
        assertEquals(200, configured.status(), configured.toString());
        return found[0];
    }

    /**
     * The operator takes the jar away: the plugin, still registered and active, is unloaded (failed,
     * its types read inactive), so everything needing it fails closed with 503.
     */
    @Override
    void stopProvider() throws IOException {
        away = system.dataDir().resolveSibling("knowledge-bases.jar.away");
        Files.move(system.pluginsDir().resolve("knowledge-bases.jar"), away, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(TestSystem.await(WAIT, () -> !"running".equals(system.admin().get("/api/v1/plugins/" + pluginId)
                .json().path("status").path("state").asText())), "the provider is unloaded");
    }

    @Override
    void startProvider() {
        system.dropPlugin(away, "knowledge-bases.jar");
    }
}
