package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WebhookReceiverContract} with the example's jar dropped into the plugins directory, as
 * {@code ./run.sh} does: registered from its manifest's default config, which has no secret.
 */
class InProcessWebhookReceiverTest extends WebhookReceiverContract {

    static final String COMMAND = "pf4j:com.example.webhook-receiver";

    @Override
    long installWithoutSecret(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("webhook.jar")), "webhook-receiver.jar");
        long[] found = {-1};
        assertTrue(TestSystem.await(WAIT, () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals(COMMAND)) {
                    found[0] = p.path("id").asLong();
                }
            }
            return found[0] > 0;
        }), "the dropped-in jar is registered as " + COMMAND);
        return found[0];
    }
}
