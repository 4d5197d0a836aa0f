package io.aigw.loader.conformance;

import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;
import io.aigw.loader.store.HostServices;
import io.aigw.loader.store.MemoryPluginStorage;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Sockets;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin conformance checker: plays the gateway's part against a plugin binary
 * ({@code file:///abs/path}: started as the gateway starts it) or a running plugin
 * ({@code grpc://host:port}) and reports, check by check, what it does against the contract of
 * docs/plugin-protocol.md. Exit status 0 when it conforms, 1 on any violation, 2 when it could not
 * be checked (usage, binary missing). Run with {@code scripts/plugin-conformance.sh}.
 *
 * <p>It lives with the launcher code because it is the same code path: the environment
 * ({@link Handshake#launchEnvironment}), the private socket directory and the channel
 * ({@link Sockets}), the handshake parser and the manifest reader the gateway uses.
 */
public final class PluginConformance {

    /** How long a plugin may take to exit after Shutdown, or after stdin's end, before it is a violation. */
    static final Duration EXIT_LIMIT = Duration.ofSeconds(5);
    /** The gateway's grace between SIGTERM and SIGKILL. */
    static final Duration SIGTERM_GRACE = Duration.ofSeconds(3);
    private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /** Held: JUL keeps loggers only weakly. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");
    private static final Logger HOST_SERVICES_LOG = Logger.getLogger(HostServices.class.getName());

    private final ConformanceOptions options;
    private final Report report;

    private PluginConformance(ConformanceOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) {
        // the checker reports what went wrong itself; gRPC's own warnings would only repeat it
        GRPC_LOG.setLevel(Level.SEVERE);
        // nor does the scratch store's "listening on ..." line tell the reader anything
        HOST_SERVICES_LOG.setLevel(Level.WARNING);
        System.exit(run(args, System.out));
    }

    /** Runs every check, printing to {@code out}; returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        ConformanceOptions options;
        try {
            options = ConformanceOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(ConformanceOptions.USAGE);
            return 2;
        }
        Report report = new Report(out);
        out.println("Plugin conformance check of " + options.target() + " (docs/plugin-protocol.md)");
        PluginConformance checker = new PluginConformance(options, report);
        try {
            switch (options.target()) {
                case PluginCommand.Binary binary -> {
                    if (!checker.checkBinary(binary.path())) {
                        return 2;
                    }
                }
                case PluginCommand.Remote remote -> checker.checkRunning(remote.address());
                case PluginCommand.Pf4j pf4j -> throw new IllegalStateException("refused by ConformanceOptions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 2;
        }
        report.summary();
        return report.violated() ? 1 : 0;
    }

    /** grpc://: no process, no handshake; the gateway never sends Shutdown to a plugin it did not start. */
    private void checkRunning(String address) {
        report.skip("handshake", "grpc://: the plugin was started by someone else; no handshake line");
        ManagedChannel channel = channel(Handshake.Network.TCP, address);
        try {
            probe(channel);
            report.skip("shutdown", "the gateway never sends Shutdown to a grpc:// plugin (it does not own it)");
        } finally {
            channel.shutdownNow();
        }
    }

    /** file://: false when the binary cannot be run at all (a setup problem, not a verdict). */
    private boolean checkBinary(Path binary) throws InterruptedException {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            report.note("no executable file at " + binary);
            return false;
        }
        manifest(binary);
        Map<String, String> byHand = new HashMap<>();
        byHand.put(Handshake.MAGIC_COOKIE_KEY, null);
        refusesToRunByHand(binary, "cookie", byHand, "without " + Handshake.MAGIC_COOKIE_KEY);
        refusesToRunByHand(binary, "protocol-versions", Map.of(Handshake.PROTOCOL_VERSIONS_KEY, "99"),
                "offered only protocol version 99");
        try (PluginUnderTest plugin = start(binary, Map.of())) {
            Optional<Handshake> handshake = handshake(plugin);
            if (handshake.isEmpty()) {
                return true;
            }
            socket(plugin, handshake.get());
            ManagedChannel channel = channel(handshake.get().network(), handshake.get().address());
            boolean answered;
            try {
                answered = probe(channel) && new ContractProbe(channel, options, report, null).shutdown();
            } finally {
                // as the gateway: its connections close right after the Shutdown answer
                channel.shutdownNow();
            }
            if (answered) {
                exitsAfterShutdown(plugin);
            } else {
                report.skip("exit-after-shutdown", "Shutdown was not answered");
            }
            if (report.violated()) {
                printOutput(plugin);
            }
        } catch (IOException e) {
            report.fail("start", "cannot start " + binary + ": " + e.getMessage());
            return true;
        }
        exitsOnStdinEnd(binary);
        return true;
    }

    /**
     * The gateway's calls in order, offering the plugin a scratch store over host services (in
     * memory, gone after the check), as the control plane offers its durable one; false when
     * Initialize failed and nothing more can be checked.
     */
    private boolean probe(ManagedChannel channel) {
        try (HostServices host = new HostServices()) {
            HostServicesEndpoint store = null;
            try {
                store = host.open("conformance", new MemoryPluginStorage().forPlugin(0)).endpoint();
            } catch (IOException e) {
                report.note("cannot offer host services (" + e.getMessage() + "): the plugin gets no store");
            }
            return probe(new ContractProbe(channel, options, report, store));
        }
    }

    private boolean probe(ContractProbe probe) {
        if (!probe.initialize()) {
            return false;
        }
        probe.ping();
        probe.registrations();
        probe.unary();
        probe.callStream();
        probe.streams();
        probe.cancellation();
        probe.resources();
        probe.ping();
        return true;
    }

    // ---- the process

    private void manifest(Path binary) {
        Path file = ManifestReader.manifestBeside(binary);
        try {
            Optional<PluginManifest> manifest = ManifestReader.besideBinary(binary);
            if (manifest.isEmpty()) {
                report.skip("manifest", "no " + file.getFileName() + " beside the binary (optional)");
            } else {
                report.pass("manifest", file.getFileName() + ": id " + manifest.get().id() + ", version "
                        + manifest.get().version() + ", hooks " + manifest.get().hooks());
            }
        } catch (InvalidManifestException e) {
            report.fail("manifest", e.getMessage() + " (the gateway refuses to start the binary)");
        }
    }

    /** Run by hand (or by a gateway it cannot serve) the binary must refuse: exit non-zero, saying why. */
    private void refusesToRunByHand(Path binary, String check, Map<String, String> env, String situation)
            throws InterruptedException {
        try (PluginUnderTest plugin = start(binary, env)) {
            Optional<Integer> exit = plugin.awaitExit(options.timeout());
            String handshakeLine = plugin.recentOutput().stream()
                    .filter(l -> l.startsWith("stdout: " + Handshake.PREFIX + "|")).findFirst().orElse(null);
            String said = plugin.recentOutput().stream().filter(l -> l.startsWith("stderr: ")).findFirst()
                    .map(l -> l.substring(8)).orElse("");
            if (handshakeLine != null) {
                report.fail(check, situation + " it printed a handshake and served: " + handshakeLine.substring(8));
            } else if (exit.isEmpty()) {
                report.fail(check, situation + " it was still running after " + options.timeout().toSeconds()
                        + " s; it must exit non-zero at once");
            } else if (exit.get() == 0) {
                report.fail(check, situation + " it exited with code 0; it must exit non-zero");
            } else if (said.isBlank()) {
                report.warn(check, situation + " it exited with code " + exit.get()
                        + " but printed no explanation on stderr");
            } else {
                report.pass(check, situation + " it exited with code " + exit.get() + ": " + abbreviate(said));
            }
        } catch (IOException e) {
            report.fail(check, "cannot start " + binary + ": " + e.getMessage());
        }
    }

    private Optional<Handshake> handshake(PluginUnderTest plugin) throws InterruptedException {
        long start = System.nanoTime();
        Optional<String> line;
        try {
            line = plugin.firstLine(options.timeout());
        } catch (TimeoutException e) {
            report.fail("handshake", "no line on stdout within " + options.timeout().toSeconds()
                    + " s (PLUGIN_HANDSHAKE_TIMEOUT): the gateway gives up and kills it");
            printOutput(plugin);
            return Optional.empty();
        }
        if (line.isEmpty()) {
            Optional<Integer> exit = plugin.awaitExit(Duration.ofSeconds(1));
            report.fail("handshake", "stdout ended before the handshake line"
                    + exit.map(code -> " (exited with code " + code + ")").orElse(""));
            printOutput(plugin);
            return Optional.empty();
        }
        try {
            Handshake handshake = Handshake.parse(line.get());
            report.pass("handshake", line.get().strip() + " after " + TimeUnit.NANOSECONDS.toMillis(
                    System.nanoTime() - start) + " ms");
            return Optional.of(handshake);
        } catch (IllegalArgumentException e) {
            report.fail("handshake", "the first stdout line is no handshake: " + e.getMessage()
                    + " (logs go to stderr, or to stdout only after the handshake)");
            printOutput(plugin);
            return Optional.empty();
        }
    }

    /** Where it listens: the offered Unix socket, or loopback TCP. */
    private void socket(PluginUnderTest plugin, Handshake handshake) {
        String offeredNetwork = plugin.env().get(Handshake.NETWORK_KEY);
        switch (handshake.network()) {
            case UNIX -> {
                Path socket = Path.of(handshake.address());
                if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(socket)
                        || Files.isDirectory(socket)) {
                    report.fail("socket", "no Unix socket at " + socket);
                } else if (plugin.offeredAddress().map(handshake.address()::equals).orElse(false)) {
                    report.pass("socket", "listens on the offered Unix socket");
                } else {
                    report.warn("socket", "listens on a Unix socket of its own, " + socket + ", not the offered "
                            + plugin.offeredAddress().orElse("(none)") + " in the gateway's private directory");
                }
            }
            case TCP -> {
                String host = handshake.address().substring(0, handshake.address().lastIndexOf(':'))
                        .replace("[", "").replace("]", "");
                boolean loopback;
                try {
                    loopback = host.isEmpty() || InetAddress.getByName(host).isLoopbackAddress();
                } catch (UnknownHostException e) {
                    report.fail("socket", "announced host '" + host + "' does not resolve");
                    return;
                }
                String note = "unix".equals(offeredNetwork) ? " (unix was offered; tcp is allowed)" : "";
                if (loopback) {
                    report.pass("socket", "listens on loopback tcp " + handshake.address() + note);
                } else {
                    report.warn("socket", "listens on " + handshake.address() + ", not loopback: other hosts can "
                            + "call the plugin" + note);
                }
            }
        }
    }

    private void exitsAfterShutdown(PluginUnderTest plugin) throws InterruptedException {
        long start = System.nanoTime();
        Optional<Integer> exit = plugin.awaitExit(EXIT_LIMIT);
        if (exit.isPresent()) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (exit.get() == 0) {
                report.pass("exit-after-shutdown", "exited with code 0, " + ms + " ms after answering Shutdown");
            } else {
                report.warn("exit-after-shutdown", "exited with code " + exit.get() + ", " + ms
                        + " ms after answering Shutdown (0 expected)");
            }
            return;
        }
        plugin.terminate();
        boolean exitedOnSigterm = plugin.awaitExit(SIGTERM_GRACE).isPresent();
        report.fail("exit-after-shutdown", "still running " + EXIT_LIMIT.toSeconds() + " s after answering "
                + "Shutdown; it must exit soon after answering. "
                + (exitedOnSigterm ? "It did exit on SIGTERM, which the gateway sends right after the answer."
                : "It ignored SIGTERM too: the gateway SIGKILLs it, and whatever it started, "
                + SIGTERM_GRACE.toSeconds() + " s later."));
    }

    /** The gateway may die without a word: the end of the plugin's stdin must end the plugin. */
    private void exitsOnStdinEnd(Path binary) throws InterruptedException {
        try (PluginUnderTest plugin = start(binary, Map.of())) {
            try {
                if (plugin.firstLine(options.timeout()).isEmpty()) {
                    report.fail("exit-on-stdin-eof", "second start: stdout ended before the handshake");
                    return;
                }
            } catch (TimeoutException e) {
                report.fail("exit-on-stdin-eof", "second start: no handshake within " + options.timeout().toSeconds()
                        + " s");
                return;
            }
            plugin.closeStdin();
            Optional<Integer> exit = plugin.awaitExit(EXIT_LIMIT);
            if (exit.isPresent()) {
                report.pass("exit-on-stdin-eof", "exited with code " + exit.get() + " when its stdin ended ("
                        + Handshake.EXIT_ON_STDIN_EOF_KEY + "=1: the gateway is gone)");
            } else {
                report.fail("exit-on-stdin-eof", "still running " + EXIT_LIMIT.toSeconds() + " s after its stdin "
                        + "ended: with " + Handshake.EXIT_ON_STDIN_EOF_KEY + "=1 it must exit, or it outlives a "
                        + "gateway that was killed");
            }
        } catch (IOException e) {
            report.fail("exit-on-stdin-eof", "cannot start " + binary + ": " + e.getMessage());
        }
    }

    // ---- helpers

    private PluginUnderTest start(Path binary, Map<String, String> env) throws IOException {
        return PluginUnderTest.start(binary, MAX_MESSAGE_BYTES, env);
    }

    /** The channel exactly as the gateway builds it. */
    private static ManagedChannel channel(Handshake.Network network, String address) {
        return Sockets.channel(network, address).usePlaintext().disableRetry()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
    }

    private void printOutput(PluginUnderTest plugin) {
        List<String> lines = plugin.recentOutput();
        if (!lines.isEmpty()) {
            report.note("  last lines the plugin printed:");
            lines.forEach(l -> report.note("    " + l));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }
}
