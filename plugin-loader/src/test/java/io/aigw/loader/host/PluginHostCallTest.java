package io.aigw.loader.host;

import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceTypeRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PluginHost#call}: which generation answers, and what a caller hears when none can. */
class PluginHostCallTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final PluginHost host = new PluginHost(List.of(new ProviderLauncher()), Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    @AfterEach
    void close() {
        release.countDown();
        host.close();
    }

    /** {@code provider:<version>}; config {@code fail=init} makes initialize throw. */
    private final class ProviderLauncher implements PluginLauncher {
        @Override
        public boolean handles(String command) {
            return command.startsWith("provider:");
        }

        @Override
        public LoadedPlugin launch(PluginSpec spec) {
            String version = spec.command().substring("provider:".length());
            ResourceProvider plugin = new ResourceProvider() {
                @Override
                public void initialize(PluginContext context, Map<String, String> config) {
                    if ("init".equals(config.get("fail"))) {
                        throw new IllegalStateException("no registry url");
                    }
                }

                @Override
                public void shutdown() {
                    events.add("shutdown " + version);
                }

                @Override
                public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
                    return List.of();
                }

                @Override
                public List<ResourceInstance> listResourceInstances(RequestContext context, String slug)
                        throws InterruptedException {
                    if (slug.equals("hold")) {
                        entered.countDown();
                        release.await();
                    }
                    return List.of(new ResourceInstance("i", "v" + version, "", 0, "", true));
                }

                @Override
                public ResourceInstance getResourceInstance(RequestContext context, String slug, String id) {
                    return null;
                }

                @Override
                public void validateResourceSelection(RequestContext context, String slug, List<String> ids,
                                                      long appId) {
                }

                @Override
                public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
                    return null;
                }
            };
            return new LoadedPlugin() {
                @Override
                public ResourceProvider plugin() {
                    return plugin;
                }

                @Override
                public String version() {
                    return version;
                }

                @Override
                public void close() {
                    events.add("closed " + version);
                }
            };
        }
    }

    private String servedBy(String slug) {
        return host.call(1, ResourceProvider.class, Duration.ofSeconds(30),
                p -> p.listResourceInstances(null, slug)).getFirst().name();
    }

    @Test
    void aReloadLetsACallInFlightFinishOnItsGenerationAndTheNextCallGoesToTheNewOne() throws Exception {
        host.apply(List.of(new PluginSpec(1, "p", "provider:1", Map.of())));
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> servedBy("hold"));
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the call reached the plugin");

        host.apply(List.of(new PluginSpec(1, "p", "provider:2", Map.of())));
        assertEquals("v2", servedBy("types"), "new calls go to the new generation");
        assertFalse(events.contains("shutdown 1"), "not shut down under a call in flight: " + events);

        release.countDown();
        assertEquals("v1", held.get(30, TimeUnit.SECONDS));
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains("closed 1"));
        assertTrue(events.indexOf("shutdown 1") < events.indexOf("closed 1"), events.toString());
    }

    @Test
    void aPluginThatIsNotServingIsUnavailableWithItsStateAndReason() {
        host.apply(List.of(new PluginSpec(1, "p", "provider:1", Map.of("fail", "init"))));
        PluginUnavailableException e = assertThrows(PluginUnavailableException.class, () -> servedBy("types"));
        assertTrue(e.getMessage().startsWith("plugin 'p' is not available (failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no registry url"), e.getMessage());

        host.apply(List.of());
        assertEquals("plugin 1 is not loaded",
                assertThrows(PluginUnavailableException.class, () -> servedBy("types")).getMessage());
    }
}
