package io.aigw.studio.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} a PostgreSQL server keeps in its data directory while it runs (and
 * leaves behind when it is killed), and who the process it names really is.
 */
record PostmasterPidFile(Path file, long pid) {

    static final String NAME = "postmaster.pid";
    private static final Path PROC = Path.of("/proc");

    /** Who holds the pid a pid file names. */
    enum Holder {
        /** no such process: the file is stale, and PostgreSQL itself starts over it */
        NOBODY,
        /** a PostgreSQL server running on this data directory */
        OUR_SERVER,
        /**
         * a process that is not a running PostgreSQL of this data directory: the pid was reused, or
         * it is a dead server nobody reaped; either way PostgreSQL would refuse to start over the file
         */
        OTHER_PROCESS,
        /** cannot tell (no /proc, or it cannot be read): leave everything as it is */
        UNKNOWN
    }

    /** The pid file in {@code pgData}, if there is one with a pid on its first line. */
    static Optional<PostmasterPidFile> in(Path pgData) throws IOException {
        Path file = pgData.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.getFirst().strip());
            return pid > 0 ? Optional.of(new PostmasterPidFile(file, pid)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // half-written by a server killed while starting
        }
    }

    /**
     * Whether the pid is a PostgreSQL serving {@code pgData}. A postmaster runs in its data directory
     * (it changes into it at start, whatever {@code -D} said), so its working directory is the
     * identity that cannot be mistaken for another data directory's server or an unrelated program
     * that happened to get the pid.
     */
    Holder holder(Path pgData) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return Holder.UNKNOWN;
        }
        Path proc = PROC.resolve(Long.toString(pid));
        if (!Files.exists(proc)) {
            return Holder.NOBODY;
        }
        try {
            if (isZombie(Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8))) {
                return Holder.OTHER_PROCESS;
            }
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            Path exe = Files.readSymbolicLink(proc.resolve("exe"));
            return isPostgres(exe) && cwd.equals(pgData.toRealPath()) ? Holder.OUR_SERVER : Holder.OTHER_PROCESS;
        } catch (NoSuchFileException e) {
            return Files.exists(proc) ? Holder.UNKNOWN : Holder.NOBODY; // exited while we looked
        } catch (IOException e) {
            return Holder.UNKNOWN;
        }
    }

    // "pid (comm) state ...": comm may itself hold spaces and parentheses, the state follows the last ')'
    private static boolean isZombie(String stat) {
        int end = stat.lastIndexOf(')');
        return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    }

    // A server whose binaries were deleted under it (a cleaned /tmp) still runs as "postgres (deleted)".
    private static boolean isPostgres(Path exe) {
        Path name = exe.getFileName();
        return name != null && (name.toString().equals("postgres") || name.toString().equals("postgres (deleted)"));
    }
}
