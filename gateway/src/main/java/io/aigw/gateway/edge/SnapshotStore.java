package io.aigw.gateway.edge;

import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.DeltaGapException;
import io.aigw.gateway.config.SnapshotJson;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * What an edge serves, on disk, so an edge restarted while the control plane is away serves what
 * it served before, and one restarted while it is there asks only for what changed since.
 *
 * <p>Two files: the base, a full snapshot ({@code edge-snapshot.json}, written to a temporary
 * file and renamed over the old one, so a crash mid-write leaves the previous one), and a journal
 * beside it ({@code edge-snapshot.json.journal}), one delta per line, appended as deltas are
 * applied. Loading applies the journal's deltas to the base in order, up to the first that does
 * not follow (a torn last line after a crash ends it there: the control plane sends the rest).
 * Appending costs the delta's size; once the journal outgrows the base (and {@link
 * #COMPACT_FLOOR}), the state is written as the new base and the journal keeps only what came
 * after it — a whole-configuration write at most once per base's worth of deltas.
 */
public final class SnapshotStore {

    private static final System.Logger LOG = System.getLogger(SnapshotStore.class.getName());
    /** A journal smaller than this is never compacted, however small the base. */
    static final long COMPACT_FLOOR = 1 << 20;

    private final Path file;
    private final Path journal;
    private final Object lock = new Object();
    private long baseVersion = Long.MIN_VALUE; // guarded by lock
    private long baseBytes; // guarded by lock
    private long journalBytes; // guarded by lock

    public SnapshotStore(Path file) {
        this.file = file;
        this.journal = file.resolveSibling(file.getFileName() + ".journal");
    }

    /** The persisted snapshot with its journal applied, if any. */
    public Optional<ConfigSnapshot> load() {
        return loadState().map(ConfigState::toSnapshot);
    }

    /** The persisted state (base and journal), if there is a readable base. */
    public Optional<ConfigState> loadState() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ConfigState state;
        try {
            state = ConfigState.of(SnapshotJson.read(Files.readString(file, StandardCharsets.UTF_8)));
            synchronized (lock) {
                baseVersion = state.version();
                baseBytes = Files.size(file);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(WARNING, "Ignoring unreadable persisted snapshot {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
        if (!Files.isRegularFile(journal)) {
            return Optional.of(state);
        }
        long base = state.version();
        int applied = 0;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    ConfigState next = state.apply(SnapshotJson.readDelta(line));
                    applied += next == state ? 0 : 1;
                    state = next;
                } catch (IllegalArgumentException | DeltaGapException e) {
                    LOG.log(WARNING, "Persisted deltas end at version {0}: {1}", state.version(), e.getMessage());
                    break;
                }
            }
            synchronized (lock) {
                journalBytes = Files.size(journal);
            }
        } catch (IOException e) {
            LOG.log(WARNING, "Cannot read the persisted deltas {0}: {1}", journal, e.getMessage());
        }
        if (applied > 0) {
            LOG.log(INFO, "Persisted snapshot version {0} and {1} deltas after it: version {2}", base, applied,
                    state.version());
        }
        return Optional.of(state);
    }

    /** Makes {@code snapshotJson} the base, with an empty journal after it. */
    public void save(String snapshotJson) throws IOException {
        save(SnapshotJson.read(snapshotJson).version(), snapshotJson);
    }

    /** Makes {@code snapshotJson}, a snapshot of {@code version}, the base, with an empty journal after it. */
    public void save(long version, String snapshotJson) throws IOException {
        synchronized (lock) {
            // the old journal goes first: a crash in between leaves the old base alone, never the
            // new base with deltas of the old one after it
            Files.deleteIfExists(journal);
            writeAtomically(file, out -> out.write(snapshotJson.getBytes(StandardCharsets.UTF_8)));
            baseVersion = version;
            baseBytes = Files.size(file);
            journalBytes = 0;
        }
    }

    /**
     * Appends a delta (its JSON) applied after what is stored; returns true when the journal has
     * outgrown the base and {@link #compact} is due.
     */
    public boolean append(String deltaJson) throws IOException {
        byte[] line = (deltaJson + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            Files.createDirectories(file.getParent());
            // no fsync: a crash may lose the journal's tail, and the control plane resends that
            try (OutputStream out = Files.newOutputStream(journal, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(line);
            }
            journalBytes += line.length;
            return journalBytes > Math.max(COMPACT_FLOOR, baseBytes);
        }
    }

    /**
     * Writes {@code state} as the new base and drops the journal's deltas it includes. Appends may
     * go on meanwhile: the base is written outside the lock, and the deltas after it are kept.
     */
    public void compact(ConfigState state) throws IOException {
        Path tmpBase = file.resolveSibling(file.getFileName() + ".compact");
        try (OutputStream out = Files.newOutputStream(tmpBase)) {
            SnapshotJson.write(state.toSnapshot(), out);
        }
        force(tmpBase);
        synchronized (lock) {
            if (state.version() <= baseVersion) {
                Files.deleteIfExists(tmpBase); // a full snapshot was saved meanwhile
                return;
            }
            List<String> after = new ArrayList<>();
            if (Files.isRegularFile(journal)) {
                try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (toVersion(line) > state.version()) {
                            after.add(line);
                        }
                    }
                }
            }
            move(tmpBase, file);
            baseVersion = state.version();
            baseBytes = Files.size(file);
            if (after.isEmpty()) {
                Files.deleteIfExists(journal);
                journalBytes = 0;
            } else {
                writeAtomically(journal, out -> {
                    try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out,
                            StandardCharsets.UTF_8))) {
                        for (String line : after) {
                            w.write(line);
                            w.write('\n');
                        }
                    }
                });
                journalBytes = Files.size(journal);
            }
        }
        LOG.log(INFO, "Persisted snapshot compacted at version {0}", state.version());
    }

    private static long toVersion(String deltaLine) {
        try {
            return SnapshotJson.readDelta(deltaLine).to();
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE; // a torn line: dropped with what the base now holds
        }
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writing writing) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writing.to(out);
        }
        force(tmp);
        move(tmp, target);
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
