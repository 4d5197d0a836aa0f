package io.aigw.plugin.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceTypeSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"mcp_servers", "datasets", "a", "0", "kebab-case", "snake_case"})
    void accepts(String slug) {
        assertTrue(ResourceTypeSlug.isValid(slug), slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "_x", "MCP", "a.b", "a b", "a/b", "é", "x\n"})
    void rejects(String slug) {
        assertFalse(ResourceTypeSlug.isValid(slug), slug);
    }

    @Test
    void isAtMostSixtyFourCharacters() {
        assertTrue(ResourceTypeSlug.isValid("x".repeat(64)));
        assertFalse(ResourceTypeSlug.isValid("x".repeat(65)));
        assertFalse(ResourceTypeSlug.isValid(null));
    }
}
