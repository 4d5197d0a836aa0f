package io.aigw.studio.mcp;

import io.aigw.studio.testing.TestSystem;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@link AggregatedContract} with the example's jar dropped into the plugins directory (and the edges'). */
class InProcessAggregatedTest extends AggregatedContract {

    @Override
    long install(TestSystem system) {
        return McpPlugin.inProcess(system);
    }

    @Override
    void edgePlugins(Path dir) throws Exception {
        Files.copy(Path.of(System.getProperty("mcp.jar")), dir.resolve("mcp-registry.jar"));
    }
}
