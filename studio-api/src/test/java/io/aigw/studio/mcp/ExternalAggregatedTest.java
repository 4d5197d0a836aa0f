package io.aigw.studio.mcp;

import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;

/** {@link AggregatedContract} with the example's external binary (edges start their own process of it). */
class ExternalAggregatedTest extends AggregatedContract {

    @Override
    long install(TestSystem system) {
        return McpPlugin.external(system);
    }

    @Override
    void edgePlugins(Path dir) {
        // the registration's file:// command names the launcher: each edge starts it itself
    }
}
