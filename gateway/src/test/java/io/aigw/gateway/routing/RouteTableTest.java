package io.aigw.gateway.routing;

import io.aigw.gateway.testing.InTestLauncher;
import io.aigw.gateway.testing.TestPlugin;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.Plugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route table built from what a real {@link PluginHost} loaded: which registration answers a
 * method and path, and which plugins are refused their slug and why.
 */
class RouteTableTest {

    private final InTestLauncher launcher = new InTestLauncher();
    private final PluginHost host = new PluginHost(List.of(launcher), Duration.ofSeconds(30), Duration.ofSeconds(5));
    private final List<PluginSpec> specs = new ArrayList<>();

    @AfterEach
    void close() {
        host.close();
    }

    private RouteTable load(long id, String name, Map<String, String> config, Plugin plugin) {
        specs.add(new PluginSpec(id, name, launcher.define(name, plugin), config));
        host.apply(List.copyOf(specs));
        return RouteTable.build(host.entries());
    }

    private static EndpointRegistration get(String path) {
        return EndpointRegistration.builder(path).methods("GET").build();
    }

    private static String matched(SlugBinding binding, String method, String path) {
        return binding.match(method, path).map(r -> String.join(",", r.methods()) + " " + r.path()).orElse("none");
    }

    @Test
    void exactPathsWinOverWildcardsAndLongerPrefixesOverShorterOnes() {
        RouteTable table = load(1, "shop", Map.of("slug", "shop"), TestPlugin.pathEcho(List.of(
                get("/*"), get("/items/*"), get("/items"), get("/items/special"), get("/items/special/deeper/*"))));
        SlugBinding shop = table.binding("shop");
        assertNotNull(shop);
        assertTrue(shop.available());
        assertEquals("GET /items", matched(shop, "GET", "/items"));
        assertEquals("GET /items/special", matched(shop, "GET", "/items/special"));
        assertEquals("GET /items/*", matched(shop, "GET", "/items/other"));
        assertEquals("GET /items/*", matched(shop, "GET", "/items/special/x"), "no exact match below it");
        assertEquals("GET /items/special/deeper/*", matched(shop, "GET", "/items/special/deeper/x"));
        assertEquals("GET /items/special/deeper/*", matched(shop, "GET", "/items/special/deeper"),
                "a wildcard prefix also matches itself without the trailing slash");
        assertEquals("GET /*", matched(shop, "GET", "/"));
        assertEquals("GET /*", matched(shop, "GET", "/itemsx"), "a prefix matches whole segments only");
        assertEquals("GET /*", matched(shop, "GET", "/elsewhere/deep"));
    }

    @Test
    void aRouteServesOnlyItsMethodsAndAnotherMethodFallsThroughToAWildcardThatHasIt() {
        EndpointRegistration readOnly = get("/doc");
        EndpointRegistration writeAnything = EndpointRegistration.builder("/*").methods("POST", "PUT").build();
        SlugBinding docs = load(1, "docs", Map.of("slug", "docs"), TestPlugin.pathEcho(List.of(readOnly, writeAnything)))
                .binding("docs");
        assertEquals("GET /doc", matched(docs, "GET", "/doc"));
        assertEquals("POST,PUT /*", matched(docs, "POST", "/doc"), "no exact POST route: the wildcard's");
        assertEquals("none", matched(docs, "DELETE", "/doc"));
        assertEquals("none", matched(docs, "GET", "/other"), "the wildcard has no GET");
        assertEquals("none", matched(docs, "HEAD", "/doc"), "HEAD is a method of its own, not implied by GET");
    }

    @Test
    void invalidRegistrationsAreReportedOnThePluginAndTheValidOnesStillServe() {
        RouteTable table = load(1, "mixed", Map.of("slug", "mixed"), TestPlugin.pathEcho(List.of(
                get("/ok"), get("no-leading-slash"), EndpointRegistration.builder("/odd").methods("BREW").build())));
        List<String> problems = table.problems(1);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.contains("endpoint path 'no-leading-slash' must start with '/'"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("endpoint /odd: method 'BREW' is not one of")),
                problems.toString());
        assertEquals("GET /ok", matched(table.binding("mixed"), "GET", "/ok"));
        assertEquals("none", matched(table.binding("mixed"), "BREW", "/odd"));
    }

    @Test
    void anInvalidSlugIsRefusedWithAProblemOnThePlugin() {
        long id = 0;
        for (String slug : List.of("Upper", "with space", "-leading-dash", "a/b", "x".repeat(64))) {
            id++;
            RouteTable table = load(id, "bad-" + id, Map.of("slug", slug), TestPlugin.pathEcho(List.of(get("/*"))));
            assertNull(table.binding(slug), slug);
            assertEquals(List.of("slug '" + slug + "' is invalid: use lower-case letters, digits, '.', '_' or '-'"),
                    table.problems(id), slug);
        }
        RouteTable table = load(100, "fine", Map.of("slug", "a0._-z"), TestPlugin.pathEcho(List.of(get("/*"))));
        assertNotNull(table.binding("a0._-z"));
        assertEquals(List.of(), table.problems(100));
    }

    @Test
    void aDuplicateSlugStaysWithThePluginRegisteredFirstAndTheOtherNamesTheOwner() {
        // loaded in the opposite order of their ids: registration order (the id) decides, not load order
        load(2, "late-but-loaded-first", Map.of("slug", "shared"), TestPlugin.pathEcho(List.of(get("/b"))));
        RouteTable table = load(1, "registered-first", Map.of("slug", "shared"),
                TestPlugin.pathEcho(List.of(get("/a"))));
        SlugBinding shared = table.binding("shared");
        assertEquals(1, shared.pluginId());
        assertEquals("GET /a", matched(shared, "GET", "/a"));
        assertEquals("none", matched(shared, "GET", "/b"), "never a merge of both plugins' routes");
        assertEquals(List.of("slug 'shared' is already served by plugin 'registered-first' (id 1)"),
                table.problems(2));
        assertEquals(List.of(), table.problems(1));
    }

    @Test
    void aPluginWithEndpointsButNoSlugServesNothingAndSaysWhy() {
        RouteTable table = load(1, "nameless", Map.of(), TestPlugin.pathEcho(List.of(get("/*"))));
        assertTrue(table.bySlug().isEmpty());
        assertEquals(List.of("Plugin has endpoint registrations but no 'slug' in config"), table.problems(1));
    }

    @Test
    void aPluginThatFailedToStartHoldsItsSlugAsUnavailable() {
        RouteTable table = load(1, "broken", Map.of("slug", "broken"), TestPlugin.failingInit("no api key"));
        SlugBinding broken = table.binding("broken");
        assertNotNull(broken, "the slug stays reserved, so no other plugin takes it over while this one is down");
        assertFalse(broken.available());
        assertEquals(Optional.empty(), broken.match("GET", "/x"));
    }
}
