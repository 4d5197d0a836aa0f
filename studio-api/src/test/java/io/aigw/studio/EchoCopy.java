package io.aigw.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helper: a copy of a plugin jar whose manifest declares another plugin id. */
final class EchoCopy {

    private EchoCopy() {
    }

    static void withId(Path source, Path target, String id) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("plugin.json")) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + id + "\"");
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
