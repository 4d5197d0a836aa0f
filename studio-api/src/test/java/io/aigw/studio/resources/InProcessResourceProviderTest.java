package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resource provider contract with {@link CatalogPlugin} as a jar dropped into the plugins directory. */
class InProcessResourceProviderTest extends ResourceProviderContract {

    @Override
    long install(TestSystem system, Path stateDir) throws IOException {
        Path jar = PluginJars.ofClass(system.dataDir().resolveSibling("catalog.jar"), manifest(stateDir),
                CatalogPlugin.class);
        system.dropPlugin(jar, "catalog.jar");
        long[] id = {-1};
        assertTrue(TestSystem.await(WAIT, () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals("pf4j:catalog")) {
                    id[0] = p.path("id").asLong();
                }
            }
            return id[0] > 0;
        }), "registered from its manifest");
        return id[0];
    }
}
