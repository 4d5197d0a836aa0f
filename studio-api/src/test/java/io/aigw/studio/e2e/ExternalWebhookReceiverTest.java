package io.aigw.studio.e2e;

import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link WebhookReceiverContract} with the example's external binary ({@code webhook-receiver-plugin},
 * the build's launcher) registered through the API as {@code file://}: its own process, reaching its
 * plugin store over the host-services channel.
 */
class ExternalWebhookReceiverTest extends WebhookReceiverContract {

    @Override
    long installWithoutSecret(TestSystem system) {
        Path launcher = Path.of(System.getProperty("webhook.launcher")).toAbsolutePath().normalize();
        HttpResult created = system.admin().post("/api/v1/plugins", Map.of("name", "webhook-receiver-external",
                "command", "file://" + launcher, "hook_type", "custom_endpoint",
                "hook_types", List.of("custom_endpoint"), "config", Map.of("slug", "webhooks")));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }
}
