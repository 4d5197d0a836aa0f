package io.aigw.gateway.edge;

import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.SnapshotJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The last snapshot an edge applied, on disk, so an edge restarted while the control plane is
 * away serves what it served before. Written to a temporary file and renamed over the old one, so
 * a crash mid-write leaves the previous snapshot intact.
 */
public final class SnapshotStore {

    private static final System.Logger LOG = System.getLogger(SnapshotStore.class.getName());

    private final Path file;

    public SnapshotStore(Path file) {
        this.file = file;
    }

    public Optional<ConfigSnapshot> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotJson.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(WARNING, "Ignoring unreadable persisted snapshot {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public void save(String snapshotJson) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, snapshotJson, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
