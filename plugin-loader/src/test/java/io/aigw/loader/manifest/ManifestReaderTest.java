package io.aigw.loader.manifest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestReaderTest {

    @Test
    void readsTheSeedFieldsAndDefaultConfig() throws Exception {
        PluginManifest m = ManifestReader.parse("""
                {"id": "com.example.mcp-registry", "name": "MCP Registry", "version": "1.0.0",
                 "capabilities": {"hooks": ["resource_provider", "custom_endpoint"], "primary_hook": "custom_endpoint"},
                 "resource_types": [{"slug": "mcp_servers", "name": "MCP Servers", "has_privacy_score": true,
                                     "form_component": {"tag": "mcp-selector", "entry_point": "ui/x.js"}}],
                 "default_config": {"slug": "mcp"}}
                """);
        assertEquals("com.example.mcp-registry", m.id());
        assertEquals(List.of("resource_provider", "custom_endpoint"), m.hooks());
        assertEquals("custom_endpoint", m.primaryHook());
        assertEquals(Map.of("slug", "mcp"), m.defaultConfig());
        ResourceTypeManifest type = m.resourceTypes().getFirst();
        assertTrue(type.hasPrivacyScore());
        assertEquals("mcp-selector", type.formComponentTag());
    }

    @Test
    void aBadResourceTypeEntryLeavesTheManifestReadable() throws Exception {
        PluginManifest m = ManifestReader.parse("""
                {"id": "p", "name": "P", "version": "1",
                 "resource_types": [{"slug": "no_name"}, 7, {"slug": "ok", "name": "OK"}]}
                """);
        assertEquals(List.of("ok"), m.resourceTypes().stream().map(ResourceTypeManifest::slug).toList());
        assertTrue(m.json().contains("no_name"), "the whole JSON is kept for the control plane to report on");
    }

    @Test
    void namesTheMissingField() {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> ManifestReader.parse("{\"id\": \"x\", \"name\": \"X\"}"));
        assertTrue(e.getMessage().contains("'version'"), e.getMessage());
    }

    @Test
    void reportsMalformedJson() {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> ManifestReader.parse("{\"id\": "));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void rejectsIdsThatCouldEscapeAPath() {
        assertThrows(InvalidManifestException.class,
                () -> ManifestReader.parse("{\"id\": \"../x\", \"name\": \"X\", \"version\": \"1\"}"));
    }
}
