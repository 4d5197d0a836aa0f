package io.aigw.loader.grpc;

import io.aigw.loader.host.PluginLoadException;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.runtime.ExternalPluginMain;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.INFO;

/**
 * One started plugin binary: reads its handshake line, then copies everything it prints to the
 * gateway log line by line, prefixed with the plugin's name. Stopping it: SIGTERM, then SIGKILL,
 * for it and anything it started.
 */
final class PluginProcess {

    private final String name;
    private final Process process;
    private final Instant startedAt;
    private final System.Logger log;

    private PluginProcess(String name, Process process, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.startedAt = startedAt;
        this.log = BasicPluginContext.loggerFor(name);
    }

    /** Starts {@code binary} and waits for its handshake. */
    static Started start(String name, Path binary, ExternalPluginSettings settings) throws PluginLoadException {
        if (!Files.isRegularFile(binary)) {
            throw new PluginLoadException("no plugin binary at " + binary);
        }
        if (!Files.isExecutable(binary)) {
            throw new PluginLoadException(binary + " is not executable");
        }
        ProcessBuilder builder = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(Handshake.INHERITED_ENVIRONMENT);
        // A Unix socket costs about half of loopback TCP per message; its directory goes when the
        // process does. A plugin that cannot listen on it falls back to tcp.
        Path socketDir = Sockets.privateSocketDirectory();
        env.putAll(Handshake.launchEnvironment(name, socketDir));
        env.put(ExternalPluginMain.MAX_MESSAGE_BYTES_KEY, String.valueOf(settings.maxMessageBytes()));
        Process process;
        Instant startedAt;
        try {
            startedAt = Instant.now();
            process = builder.start();
        } catch (IOException e) {
            if (socketDir != null) {
                Sockets.deleteSocketDirectory(socketDir);
            }
            throw new PluginLoadException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        if (socketDir != null) {
            process.onExit().whenComplete((p, e) -> Sockets.deleteSocketDirectory(socketDir));
        }
        PluginProcess plugin = new PluginProcess(name, process, startedAt);
        plugin.pump(process.getErrorStream(), "stderr");
        // stdin stays open and unused: the plugin exits when it reaches end of file, i.e. when
        // this gateway is gone, however it went.
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }, r -> Thread.ofPlatform().daemon().name("handshake-" + name).start(r));
        Duration limit = settings.handshakeTimeout();
        try {
            String line = firstLine.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                process.waitFor(500, TimeUnit.MILLISECONDS);
                throw new PluginLoadException(binary.getFileName() + " exited"
                        + (process.isAlive() ? "" : " with code " + process.exitValue())
                        + " before its handshake line (is it a plugin? see its log lines)");
            }
            Handshake handshake;
            try {
                handshake = Handshake.parse(line);
            } catch (IllegalArgumentException e) {
                throw new PluginLoadException("not a plugin handshake from " + binary.getFileName() + ": "
                        + e.getMessage());
            }
            plugin.pump(stdout, "stdout");
            return new Started(plugin, handshake);
        } catch (TimeoutException e) {
            plugin.stop(Duration.ZERO);
            throw new PluginLoadException(binary.getFileName() + " printed no handshake line within "
                    + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms"));
        } catch (PluginLoadException e) {
            plugin.stop(Duration.ZERO);
            throw e;
        } catch (InterruptedException e) {
            plugin.stop(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new PluginLoadException("interrupted while waiting for the handshake");
        } catch (ExecutionException e) {
            plugin.stop(Duration.ZERO);
            throw new PluginLoadException("cannot read the handshake: " + e.getCause().getMessage());
        }
    }

    record Started(PluginProcess process, Handshake handshake) {
    }

    long pid() {
        return process.pid();
    }

    /**
     * When the gateway started the process, by the gateway's wall clock. Not
     * {@code ProcessHandle.Info.startInstant()}: on Linux that is the boot time (whole seconds,
     * from {@code /proc/stat}) plus the process's start in clock ticks, so it can be off from the
     * wall clock by up to a second (about 0.3 s on the machine this was written on).
     */
    Instant startedAt() {
        return startedAt;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL; the same for whatever it started. */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!grace.isZero() && process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream in, String stream) {
        pump(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), stream);
    }

    /**
     * Pipe reads block in native code, which pins a virtual thread's carrier for the plugin's whole
     * life; with as many carriers as cores that starves request handling. So: platform threads.
     */
    private void pump(BufferedReader reader, String stream) {
        Thread.ofPlatform().daemon().name("plugin-" + stream + "-" + name).start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.log(INFO, "[{0}] {1}", name, line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
    }
}
