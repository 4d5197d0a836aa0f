package io.aigw.studio.e2e;

import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;

/** The echo contract with the echo jar dropped into the plugins directory (PF4J, in-process). */
class InProcessEchoEndpointTest extends EchoEndpointContract {

    @Override
    void installEcho(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("echo.jar")), "echo-endpoint.jar");
    }
}
