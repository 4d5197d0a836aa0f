package io.aigw.studio.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web UI in a real browser against a really started system: runs {@code ui/e2e/ui-flows.mjs}
 * (playwright-core driving Debian's headless Chromium) against the control plane serving the
 * built UI, with the echo and knowledge-bases example plugins dropped in. The script's steps
 * are the user-visible flows of issue 13 (admin setup, an App picked through the plugin's Web
 * Component, the privacy rule's message, a token working at the gateway, a submission approved
 * and selectable); its output is streamed here and its exit status decides. A screenshot of each
 * main page lands in {@code target/ui-screenshots}.
 *
 * <p>A missing Chromium fails the test (never skips it): {@code .ci/run} installs Debian's
 * {@code chromium} package when it is absent.
 */
@ExtendWith(SystemExtension.class)
class BrowserUiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(10);

    @Test
    void adminAndUserFlowsWorkInTheBrowser(Systems systems) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("the browser tests need Chromium at " + chromium + " (Debian package 'chromium'; .ci/run installs "
                    + "it with apt-get when missing, or set CHROMIUM to another executable)");
        }
        Path ui = Path.of(System.getProperty("ui.dir", "ui")).toAbsolutePath();
        assertTrue(Files.isDirectory(ui.resolve("node_modules/playwright-core")),
                "ui/node_modules must be installed (the build runs npm ci in " + ui + ")");

        TestSystem system = systems.start();
        HttpResult index = system.admin().withKey(null).get("/");
        assertEquals(200, index.status(), "the control plane serves the UI at /: " + index);

        system.installEcho();
        system.dropPlugin(Path.of(System.getProperty("kb.jar")), "knowledge-bases.jar");
        assertTrue(TestSystem.await(WAIT, () -> {
            JsonNode types = system.admin().get("/api/v1/plugin-resource-types").json();
            for (JsonNode t : types) {
                if (t.path("slug").asText().equals("knowledge_bases")) {
                    return true;
                }
            }
            return false;
        }), "the knowledge-bases plugin registers its resource types");

        Path screenshots = Path.of(System.getProperty("ui.screenshots", "target/ui-screenshots")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of("node", "e2e/ui-flows.mjs"))
                .directory(ui.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of(
                "AIGW_UI_URL", system.apiBase().toString(),
                "AIGW_ADMIN_KEY", system.adminKey(),
                "AIGW_GATEWAY_URL", system.gatewayBase().toString(),
                "AIGW_SCREENSHOTS", screenshots.toString(),
                "CHROMIUM", chromium.toString()));
        Process node = pb.start();
        Thread pump = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println(line);
                }
            } catch (IOException e) {
                System.out.println("[BrowserUiTest] reading the script's output failed: " + e);
            }
        });
        if (!node.waitFor(SCRIPT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail("the browser flows did not finish within " + SCRIPT_LIMIT);
        }
        pump.join(5000);
        assertEquals(0, node.exitValue(), "the browser flows failed (their output above names the step; "
                + "screenshots in " + screenshots + ")");
    }
}
