package io.aigw.studio.mcp;

import io.aigw.studio.testing.TestSystem;

/** {@link PassThroughContract} with the example's jar dropped into the plugins directory. */
class InProcessPassThroughTest extends PassThroughContract {

    @Override
    long install(TestSystem system) {
        return McpPlugin.inProcess(system);
    }
}
