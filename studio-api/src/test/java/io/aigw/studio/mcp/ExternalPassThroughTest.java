package io.aigw.studio.mcp;

import io.aigw.studio.testing.TestSystem;

/** {@link PassThroughContract} with the example's external binary, its own process. */
class ExternalPassThroughTest extends PassThroughContract {

    @Override
    long install(TestSystem system) {
        return McpPlugin.external(system);
    }
}
