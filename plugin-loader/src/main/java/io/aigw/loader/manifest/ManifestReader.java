package io.aigw.loader.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads and validates {@code plugin.json}: from JSON text, from inside a plugin jar, or from a file
 * beside an external plugin's binary ({@link #besideBinary(Path)}).
 */
public final class ManifestReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_BYTES = 256 * 1024;

    private ManifestReader() {
    }

    /** Reads {@code plugin.json} from the root of a jar. */
    public static PluginManifest fromJar(Path jar) throws InvalidManifestException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(PluginManifest.FILE_NAME);
            if (entry == null) {
                throw new InvalidManifestException("no " + PluginManifest.FILE_NAME + " at the root of the jar");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (bytes.length > MAX_MANIFEST_BYTES) {
                    throw new InvalidManifestException(PluginManifest.FILE_NAME + " is larger than "
                            + MAX_MANIFEST_BYTES + " bytes");
                }
                return parse(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (ZipException e) {
            throw new InvalidManifestException("not a readable jar: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidManifestException("cannot read jar: " + e.getMessage(), e);
        }
    }

    /**
     * The manifest of an external plugin binary: {@code <binary file name>.json} in the binary's
     * directory (e.g. {@code echo-endpoint-plugin.json} beside {@code echo-endpoint-plugin}), read
     * when present. Empty when there is none; an unreadable or invalid one is an error.
     */
    public static Optional<PluginManifest> besideBinary(Path binary) throws InvalidManifestException {
        Path file = manifestBeside(binary);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(fromFile(file));
    }

    /** Where {@link #besideBinary(Path)} looks: {@code <binary file name>.json} in the same directory. */
    public static Path manifestBeside(Path binary) {
        return binary.resolveSibling(binary.getFileName() + ".json");
    }

    /** Reads a manifest file; the error messages name the file. */
    public static PluginManifest fromFile(Path file) throws InvalidManifestException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidManifestException("no manifest at " + file, e);
        } catch (IOException e) {
            throw new InvalidManifestException("cannot read manifest " + file + ": " + describe(e), e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new InvalidManifestException("manifest " + file + " is larger than " + MAX_MANIFEST_BYTES
                    + " bytes");
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8), null);
        } catch (InvalidManifestException e) {
            throw new InvalidManifestException("invalid manifest " + file + ": " + e.getMessage(), e);
        }
    }

    public static PluginManifest parse(String json) throws InvalidManifestException {
        return parse(json, PluginManifest.FILE_NAME);
    }

    /** @param source the file name for error messages, or null when the caller names the file */
    private static PluginManifest parse(String json, String source) throws InvalidManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("malformed JSON" + (source == null ? "" : " in " + source) + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException((source == null ? "the manifest" : source) + " must be a JSON object");
        }
        String id = requiredText(root, "id");
        if (!PluginManifest.ID_PATTERN.matcher(id).matches()) {
            throw new InvalidManifestException("manifest 'id' must match " + PluginManifest.ID_PATTERN.pattern()
                    + ", got '" + id + "'");
        }
        String name = requiredText(root, "name");
        String version = requiredText(root, "version");
        JsonNode capabilities = root.path("capabilities");
        List<String> hooks = new ArrayList<>();
        capabilities.path("hooks").forEach(h -> hooks.add(h.asText()));
        String primaryHook = capabilities.path("primary_hook").asText(hooks.isEmpty() ? "" : hooks.getFirst());

        // A bad resource type entry does not make the plugin unloadable: the entries that name a
        // slug and a name are listed here, and the control plane, which registers the types,
        // checks every entry of the JSON and reports the ones it skips on the plugin's status.
        List<ResourceTypeManifest> types = new ArrayList<>();
        JsonNode resourceTypes = root.path("resource_types");
        if (resourceTypes.isArray()) {
            for (JsonNode t : resourceTypes) {
                if (!isText(t.get("slug")) || !isText(t.get("name"))) {
                    continue;
                }
                JsonNode form = t.path("form_component");
                types.add(new ResourceTypeManifest(t.get("slug").asText(), t.get("name").asText(),
                        t.path("description").asText(""), t.path("icon").asText(""),
                        t.path("has_privacy_score").asBoolean(false), t.path("supports_submissions").asBoolean(false),
                        form.path("tag").asText(null), form.path("entry_point").asText(null)));
            }
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        JsonNode config = root.path("default_config");
        if (!config.isMissingNode() && !config.isObject()) {
            throw new InvalidManifestException("manifest 'default_config' must be an object of strings");
        }
        config.properties().forEach(e -> defaults.put(e.getKey(), e.getValue().asText()));

        return new PluginManifest(id, name, version, root.path("description").asText(""), hooks, primaryHook,
                types, defaults, json);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isText(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank();
    }

    private static String requiredText(JsonNode node, String field) throws InvalidManifestException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidManifestException("manifest field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }
}
