package io.aigw.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"echo", "my-mcp", "a", "0", "v1.2", "snake_case", "a..b"})
    void accepts(String slug) {
        assertTrue(PluginSlug.isValid(slug), slug);
    }

    /** Each would be ambiguous or unsafe as one path segment of /plugins/{slug}/..., or is not lower case. */
    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-echo", "_echo", ".hidden", "Echo", "my mcp", "a/b", "a%2Fb", "ä",
            "echo\n"})
    void rejects(String slug) {
        assertFalse(PluginSlug.isValid(slug), slug);
    }

    @Test
    void isAtMostSixtyThreeCharacters() {
        assertTrue(PluginSlug.isValid("x".repeat(63)));
        assertFalse(PluginSlug.isValid("x".repeat(64)));
        assertFalse(PluginSlug.isValid(null));
    }

    @Test
    void isReadFromTheConfigKey() {
        assertEquals("echo", PluginSlug.of(Map.of("slug", "echo", "other", "x")));
        assertNull(PluginSlug.of(Map.of("other", "x")));
    }
}
