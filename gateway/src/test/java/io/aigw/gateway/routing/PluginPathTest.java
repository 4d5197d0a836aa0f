package io.aigw.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PluginPathTest {

    /** The seed's path segment table, row by row. */
    @Test
    void splitsLikeTheSeedTable() throws Exception {
        assertParsed("/plugins/my-mcp/", "my-mcp", "/", List.of());
        assertParsed("/plugins/my-mcp/mcp", "my-mcp", "/mcp", List.of("mcp"));
        assertParsed("/plugins/my-mcp/users/123/profile", "my-mcp", "/users/123/profile",
                List.of("users", "123", "profile"));
        assertParsed("/plugins/my-mcp/.well-known/openid-configuration", "my-mcp",
                "/.well-known/openid-configuration", List.of(".well-known", "openid-configuration"));
    }

    @Test
    void slugWithoutTrailingSlashIsTheRoot() throws Exception {
        assertParsed("/plugins/my-mcp", "my-mcp", "/", List.of());
    }

    @Test
    void anEncodedSlashStaysInsideItsSegment() throws Exception {
        assertParsed("/plugins/p/a%2Fb/c", "p", "/a/b/c", List.of("a/b", "c"));
    }

    @Test
    void emptySegmentsStayInTheRelativePathButAreNoSegments() throws Exception {
        assertParsed("/plugins/p//", "p", "//", List.of());
        assertParsed("/plugins/p/a//b/", "p", "/a//b/", List.of("a", "b"));
        assertParsed("/plugins/p/a..b/.c/c./...", "p", "/a..b/.c/c./...", List.of("a..b", ".c", "c.", "..."));
        // the same with something encoded (decoded the slow way) gives the same shape
        assertParsed("/plugins/p/a//%62/", "p", "/a//b/", List.of("a", "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plugins/p/.", "/plugins/p/..", "/plugins/p/a/..", "/plugins/p//./", "/plugins/p/..//"})
    void plainDotSegmentsAre400(String raw) {
        assertEquals(400, assertThrows(PluginPath.InvalidPathException.class, () -> PluginPath.parse(raw)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plugins/p/../x", "/plugins/p/%2e%2e/x", "/plugins/p/%2E%2E", "/plugins/p/.%2e/x",
            "/plugins/p/a/./b", "/plugins/../p/x", "/plugins/%2e%2e/x", "/plugins/p/..%2f", "/plugins/p/%2f..",
            "/plugins/p/a%2f%2e%2e%2fb", "/plugins/p/a%2F.%2Fb", "/plugins/p/..%5cx", "/plugins/p%2f..%2fq/x",
            "/plugins/p/%252e%252e/x", "/plugins/p/%252fx", "/plugins/p/%c0%ae%c0%ae/x", "/plugins/p/%ff",
            "/plugins/p/a%00b", "/plugins/p/a%0d%0ab"})
    void traversalIsRejectedWith400(String raw) {
        PluginPath.InvalidPathException e = assertThrows(PluginPath.InvalidPathException.class,
                () -> PluginPath.parse(raw));
        assertEquals(400, e.status());
    }

    @Test
    void malformedEscapesAre400AndAMissingSlugIs404() {
        assertEquals(400, assertThrows(PluginPath.InvalidPathException.class,
                () -> PluginPath.parse("/plugins/p/%zz")).status());
        assertEquals(404, assertThrows(PluginPath.InvalidPathException.class,
                () -> PluginPath.parse("/plugins/")).status());
    }

    private static void assertParsed(String raw, String slug, String relative, List<String> segments)
            throws Exception {
        PluginPath p = PluginPath.parse(raw);
        assertEquals(slug, p.slug());
        assertEquals(relative, p.relativePath());
        assertEquals(segments, p.segments());
    }
}
