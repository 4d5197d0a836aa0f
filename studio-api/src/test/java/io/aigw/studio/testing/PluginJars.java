package io.aigw.studio.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Plugin jars for tests: copies of a real plugin jar with an edited {@code plugin.json} (another id,
 * another version), or a jar made of one compiled test class.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /** A plugin jar holding {@code pluginClass} (a top-level class without nested ones) as its plugin. */
    public static Path ofClass(Path target, String manifestJson, Class<?> pluginClass) throws IOException {
        String classEntry = pluginClass.getName().replace('.', '/') + ".class";
        try (InputStream classFile = pluginClass.getClassLoader().getResourceAsStream(classEntry);
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(new ZipEntry("plugin.json"));
            out.write(manifestJson.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("META-INF/services/io.aigw.plugin.api.Plugin"));
            out.write((pluginClass.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(classEntry));
            classFile.transferTo(out);
        }
        return target;
    }

    public static Path withId(Path source, Path target, String id) throws IOException {
        return withManifest(source, target, json -> replaceField(json, "id", id));
    }

    public static Path withVersion(Path source, Path target, String version) throws IOException {
        return withManifest(source, target, json -> replaceField(json, "version", version));
    }

    public static Path withManifest(Path source, Path target, UnaryOperator<String> edit) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("plugin.json")) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.write(edit.apply(json).getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    private static String replaceField(String json, String field, String value) {
        return json.replaceFirst("\"" + field + "\"\\s*:\\s*\"[^\"]+\"", "\"" + field + "\": \"" + value + "\"");
    }
}
