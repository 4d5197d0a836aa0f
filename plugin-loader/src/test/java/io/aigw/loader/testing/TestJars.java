package io.aigw.loader.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Builds plugin jars for tests. */
public final class TestJars {

    private TestJars() {
    }

    public static String manifest(String id, String version) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"version\":\"" + version
                + "\",\"capabilities\":{\"hooks\":[\"custom_endpoint\"]},\"default_config\":{\"slug\":\"" + id + "\"}}";
    }

    /** A jar holding only {@code entries} (name → text). */
    public static Path write(Path jar, Map<String, String> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /**
     * A plugin jar built from compiled test classes: {@code pluginClass} declared as the plugin,
     * with its nested classes and the {@code bundled} classes (standing for bundled libraries).
     */
    public static Path plugin(Path jar, String manifestJson, Class<?> pluginClass, Class<?>... bundled)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin.json"));
            zip.write(manifestJson.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/services/io.aigw.plugin.api.Plugin"));
            zip.write((pluginClass.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : Stream.concat(Stream.of(pluginClass), Stream.of(bundled)).toList()) {
                Path classFile = classFile(c);
                String prefix = c.getSimpleName();
                try (Stream<Path> siblings = Files.list(classFile.getParent())) {
                    for (Path f : siblings.filter(f -> f.getFileName().toString().equals(prefix + ".class")
                            || f.getFileName().toString().startsWith(prefix + "$")).toList()) {
                        zip.putNextEntry(new ZipEntry(c.getPackageName().replace('.', '/') + "/" + f.getFileName()));
                        zip.write(Files.readAllBytes(f));
                    }
                }
            }
        }
        return jar;
    }

    private static Path classFile(Class<?> c) throws IOException {
        try {
            Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(c.getName().replace('.', '/') + ".class");
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** A copy of {@code source} whose plugin.json is replaced by {@code manifestJson}. */
    public static Path withManifest(Path source, Path target, String manifestJson) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "building-", ".tmp");
        try (ZipFile in = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("plugin.json")) {
                    out.write(manifestJson.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        return Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
