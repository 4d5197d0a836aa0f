package io.aigw.studio.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * An embedded PostgreSQL left running on our data directory by a run that ended without stopping
 * it (kill -9, a crash before the watchdog was up). It would make the next start fail, so the
 * start stops it first.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanedPostmaster.class.getName());
    /** The embedded server holds this lock for as long as its JVM lives (a released fcntl lock on death). */
    static final String OWNER_LOCK = "epg-lock";
    // Smart shutdown of a server whose clients are all gone is a checkpoint: well under a second for
    // a control plane's data; beyond this it is stuck and gets SIGKILL (WAL replay covers that).
    private static final Duration TERM_WAIT = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private OrphanedPostmaster() {
    }

    /**
     * Stops the PostgreSQL that {@code pgData}'s pid file names when no live system owns it, and
     * removes a pid file that names some other process. Refuses while another system runs on
     * {@code pgData}: its server is not an orphan.
     */
    static void stopIfAny(Path pgData) throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.in(pgData);
        if (pidFile.isEmpty()) {
            return; // a clean shutdown removes the file; the common case costs one stat
        }
        try (FileChannel channel = FileChannel.open(pgData.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw inUse(pgData);
            }
            // held while we look and act, so a second system starting now waits its turn
            PostmasterPidFile file = pidFile.get();
            switch (file.holder(pgData)) {
                case OUR_SERVER -> stop(ProcessHandle.of(file.pid()), pgData);
                case OTHER_PROCESS -> {
                    Files.deleteIfExists(file.file());
                    LOG.warning(() -> "removed a stale " + PostmasterPidFile.NAME + " in " + pgData + ": it names pid "
                            + file.pid() + ", which is not a PostgreSQL of this data directory");
                }
                case NOBODY, UNKNOWN -> {
                    // NOBODY: PostgreSQL starts over a file whose pid is gone. UNKNOWN: never act blind.
                }
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this very JVM runs a server on the directory
        }
    }

    private static IllegalStateException inUse(Path pgData) {
        return new IllegalStateException("the data directory " + pgData + " is in use by another running system"
                + " (it holds " + pgData.resolve(OWNER_LOCK) + "): stop it, or give this one its own DATA_DIR");
    }

    private static void stop(Optional<ProcessHandle> found, Path pgData) {
        if (found.isEmpty()) {
            return; // exited between the look and now
        }
        ProcessHandle server = found.get();
        // its backends and helpers, which must not outlive it holding the shared memory
        List<ProcessHandle> children = server.children().toList();
        long started = System.nanoTime();
        server.destroy(); // SIGTERM: smart shutdown; its clients died with the JVM
        String how = "SIGTERM";
        if (!awaitExit(server, TERM_WAIT)) {
            how = "SIGKILL after " + TERM_WAIT.toSeconds() + " s of SIGTERM";
            server.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(server, KILL_WAIT)) {
                throw new IllegalStateException("PostgreSQL (pid " + server.pid() + ") left running on " + pgData
                        + " by a previous run does not stop, not even on SIGKILL");
            }
        }
        children.forEach(child -> awaitExit(child, KILL_WAIT));
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String stoppedHow = how;
        LOG.warning(() -> "PostgreSQL (pid " + server.pid() + ") was left running on " + pgData
                + " by a previous run that ended without stopping it; stopped it (" + stoppedHow + ", " + ms
                + " ms), starting normally");
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
