package io.aigw.loader.conformance;

import io.aigw.runtime.ExternalPluginMain;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plugin binary started the way the gateway starts one: its directory as working directory, only
 * the gateway's environment (a Unix socket in a private directory where available), stdin a pipe
 * nobody writes to. Keeps its output for the report.
 */
final class PluginUnderTest implements AutoCloseable {

    /** Marks the end of stdout in the line queue. */
    private static final String EOF = "\u0000eof";
    private static final int KEPT_LINES = 20;

    private final Process process;
    private final Path socketDir;
    private final Map<String, String> env;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> output = new ArrayDeque<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    private PluginUnderTest(Process process, Path socketDir, Map<String, String> env) {
        this.process = process;
        this.socketDir = socketDir;
        this.env = env;
    }

    /**
     * Starts {@code binary} with the gateway's environment, changed by {@code overrides} (a null
     * value removes the variable, e.g. the magic cookie).
     */
    static PluginUnderTest start(Path binary, int maxMessageBytes, Map<String, String> overrides) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(Handshake.INHERITED_ENVIRONMENT);
        Path socketDir = Sockets.privateSocketDirectory();
        env.putAll(Handshake.launchEnvironment("conformance", socketDir));
        env.put(ExternalPluginMain.MAX_MESSAGE_BYTES_KEY, String.valueOf(maxMessageBytes));
        overrides.forEach((key, value) -> {
            if (value == null) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            if (socketDir != null) {
                Sockets.deleteSocketDirectory(socketDir);
            }
            throw e;
        }
        PluginUnderTest plugin = new PluginUnderTest(process, socketDir, Map.copyOf(env));
        plugin.read(process.getInputStream(), "stdout");
        plugin.read(process.getErrorStream(), "stderr");
        return plugin;
    }

    /** The environment it was started with. */
    Map<String, String> env() {
        return env;
    }

    /** The socket path the gateway's environment offered, if any. */
    Optional<String> offeredAddress() {
        return Optional.ofNullable(env.get(Handshake.ADDRESS_KEY));
    }

    /** The first line on stdout; empty when stdout ended first. */
    Optional<String> firstLine(Duration limit) throws InterruptedException, TimeoutException {
        String line = stdout.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new TimeoutException();
        }
        return line.equals(EOF) ? Optional.empty() : Optional.of(line);
    }

    /**
     * The exit code once it has exited within {@code limit}; empty while it still runs. After an
     * exit, what it printed last has been read too.
     */
    Optional<Integer> awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        for (Thread reader : readers) {
            reader.join(1000);   // a child that keeps the pipe open must not hold us up
        }
        return Optional.of(process.exitValue());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the gateway's end looks like when it is gone: end of file on the plugin's stdin. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** SIGTERM, as the gateway sends after Shutdown. */
    void terminate() {
        process.destroy();
    }

    /** The last lines it printed (both streams, in order). */
    synchronized List<String> recentOutput() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socketDir != null) {
            Sockets.deleteSocketDirectory(socketDir);
        }
    }

    private synchronized void keep(String line) {
        output.addLast(line);
        while (output.size() > KEPT_LINES) {
            output.removeFirst();
        }
    }

    /** Pipe reads block in native code: platform threads, as in the gateway. */
    private void read(InputStream in, String stream) {
        readers.add(Thread.ofPlatform().daemon().name("conformance-" + stream).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    keep(stream + ": " + line);
                    if (stream.equals("stdout")) {
                        stdout.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                if (stream.equals("stdout")) {
                    stdout.add(EOF);
                }
            }
        }));
    }
}
