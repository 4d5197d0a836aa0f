package io.aigw.studio.pluginui;

import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link PluginUiContract} with every plugin in a process of its own, reached over gRPC: the
 * example plugins' launchers (their manifests beside them) registered as {@code file://}, and
 * {@link UiLimitsPlugin} served by the plugin-side runtime in this JVM, registered as
 * {@code grpc://}.
 */
class ExternalPluginUiTest extends PluginUiContract {

    private PluginServer limitsServer;

    @Override
    long installKnowledgeBases(TestSystem system) {
        return created(system.admin().post("/api/v1/plugins", Map.of("name", "knowledge-bases-external",
                "command", "file://" + launcher("kb.launcher"), "hook_type", "resource_provider",
                "hook_types", List.of("resource_provider", "studio_ui"),
                "config", Map.of("max_per_app", "3", "default_region", "eu"))));
    }

    @Override
    long installEcho(TestSystem system) {
        return created(system.admin().post("/api/v1/plugins", Map.of("name", "echo-external",
                "command", echoCommand(), "hook_type", "custom_endpoint",
                "hook_types", List.of("custom_endpoint", "studio_ui"),
                "config", Map.of("slug", "echo", "custom_content", "Hello from the echo plugin"))));
    }

    @Override
    long installLimits(TestSystem system) throws Exception {
        limitsServer = PluginServer.start(new UiLimitsPlugin(), "1.0", Handshake.Network.TCP, null, 2 << 20,
                () -> { });
        return created(system.admin().post("/api/v1/plugins", Map.of("name", "ui-limits", "command",
                "grpc://" + limitsServer.handshake().address(), "hook_type", "studio_ui")));
    }

    @Override
    String echoCommand() {
        return "file://" + launcher("echo.launcher");
    }

    @AfterAll
    void stopLimits() {
        if (limitsServer != null) {
            limitsServer.close();
        }
    }

    private static Path launcher(String property) {
        return Path.of(System.getProperty(property)).toAbsolutePath().normalize();
    }
}
