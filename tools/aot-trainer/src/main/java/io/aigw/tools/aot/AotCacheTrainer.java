package io.aigw.tools.aot;

import io.aigw.runtime.Capabilities;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.Sockets;
import io.aigw.runtime.proto.EndpointCall;
import io.aigw.runtime.proto.EndpointCallResult;
import io.aigw.runtime.proto.EndpointRequest;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsRequest;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.aigw.runtime.proto.ShutdownRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Build step for a Java plugin's launcher: a training run that leaves a JDK AOT cache (JEP 483/514,
 * JDK 25+) beside the launcher, so the plugin process starts and answers its first calls faster.
 *
 * <p>Starts the launcher as a gateway would (the same environment, a Unix socket where available),
 * with {@code -XX:AOTCacheOutput} added through {@code AIGW_PLUGIN_JAVA_OPTS}, then plays the
 * gateway's part: reads the handshake, calls Initialize with the given config,
 * GetEndpointRegistrations (a plugin serving endpoints), then Ping, a Resource Provider's
 * GetResourceTypeRegistrations and the given GET requests a few times (as unary calls and, when
 * the plugin offers it, over the EndpointCalls stream), and Shutdown. The JVM writes the cache as it exits. The cache goes to
 * {@code <launcher>.aot}, which the launcher uses when it exists and runs on the JDK that built it.
 *
 * <p>Usage: {@code AotCacheTrainer <launcher> [--config key=value]... [--get /relative/path[?query]]...}.
 * Never fatal to a build: on any failure it says why on stderr, leaves no cache, and exits 1.
 *
 * <p>A build tool, in a module of its own: plugin processes load {@code plugin-runtime}, never this.
 */
public final class AotCacheTrainer {

    /** The suffix of the cache file beside the launcher; {@code plugins/external-launcher.sh} looks for it. */
    public static final String SUFFIX = ".aot";
    private static final int ROUNDS = 20;
    private static final long HANDSHAKE_SECONDS = 60;
    private static final long EXIT_SECONDS = 180;

    private AotCacheTrainer() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream log) {
        if (args.length == 0) {
            log.println("usage: AotCacheTrainer <launcher> [--config key=value]... [--get /path[?query]]...");
            return 2;
        }
        Path launcher = Path.of(args[0]).toAbsolutePath().normalize();
        Map<String, String> config = new LinkedHashMap<>();
        List<String> gets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--config" -> {
                    int eq = value == null ? -1 : value.indexOf('=');
                    if (eq <= 0) {
                        log.println("AOT training: --config needs key=value");
                        return 2;
                    }
                    config.put(value.substring(0, eq), value.substring(eq + 1));
                    i++;
                }
                case "--get" -> {
                    if (value == null || !value.startsWith("/")) {
                        log.println("AOT training: --get needs a path starting with /");
                        return 2;
                    }
                    gets.add(value);
                    i++;
                }
                default -> {
                    log.println("AOT training: unknown argument '" + args[i] + "'");
                    return 2;
                }
            }
        }
        Path cache = launcher.resolveSibling(launcher.getFileName() + SUFFIX);
        Path output = launcher.resolveSibling(launcher.getFileName() + SUFFIX + ".new");
        try {
            // a stale cache must not take part in (or survive) the training run
            Files.deleteIfExists(cache);
            Files.deleteIfExists(output);
        } catch (IOException e) {
            log.println("AOT training: cannot remove the old cache: " + e.getMessage());
            return 1;
        }
        if (Runtime.version().feature() < 25) {
            log.println("AOT training skipped: needs JDK 25 or newer (-XX:AOTCacheOutput), this is "
                    + Runtime.version() + "; " + launcher.getFileName() + " runs without a cache");
            return 0;
        }
        long start = System.nanoTime();
        try {
            train(launcher, output, config, gets, log);
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new IOException("the JVM wrote no cache to " + output);
            }
            Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.printf("AOT cache for %s: %s (%d MB, trained in %d ms)%n", launcher.getFileName(), cache,
                    Files.size(cache) >> 20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return 0;
        } catch (Exception e) {
            log.println("AOT training failed, " + launcher.getFileName() + " runs without a cache: " + e.getMessage());
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // nothing more to do
            }
            return 1;
        }
    }

    private static void train(Path launcher, Path output, Map<String, String> config, List<String> gets,
                              PrintStream log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString()).directory(launcher.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        // what the gateway passes, the JDK running this build standing in for the gateway's
        Path socketDir = Sockets.privateSocketDirectory();
        env.remove(Handshake.ADDRESS_KEY);
        env.putAll(Handshake.launchEnvironment("aot-training", socketDir));
        // (classes the cache cannot hold, e.g. proxies, are expected: only errors are worth a line)
        env.put("AIGW_PLUGIN_JAVA_OPTS", "-XX:AOTCacheOutput=" + output + " -Xlog:aot*=error:stderr");
        Process process = builder.start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(HANDSHAKE_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("the plugin exited before its handshake");
            }
            Handshake handshake = Handshake.parse(line);
            Thread.ofPlatform().daemon().name("aot-training-stdout").start(() -> stdout.lines().forEach(log::println));
            exercise(handshake, config, gets);
            process.getOutputStream().close();
            if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the plugin did not exit within " + EXIT_SECONDS + " s after Shutdown");
            }
            if (process.exitValue() != 0) {
                throw new IOException("the plugin exited with code " + process.exitValue());
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (socketDir != null) {
                Sockets.deleteSocketDirectory(socketDir);
            }
        }
    }

    /** What a gateway does with a fresh plugin, a few times over, so those paths are in the cache. */
    private static void exercise(Handshake handshake, Map<String, String> config, List<String> gets)
            throws InterruptedException {
        ManagedChannel channel = Sockets.channel(handshake.network(), handshake.address()).usePlaintext().build();
        try {
            var stub = PluginServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            InitializeResponse init = stub.initialize(InitializeRequest.newBuilder().putAllConfig(config)
                    .setPluginName("aot-training").setProtocolVersion(Handshake.PROTOCOL_VERSION).build());
            List<String> capabilities = init.getCapabilitiesList();
            if (capabilities.contains(Capabilities.CUSTOM_ENDPOINT)) {
                stub.getEndpointRegistrations(GetEndpointRegistrationsRequest.getDefaultInstance());
            }
            boolean resources = capabilities.contains(Capabilities.RESOURCE_PROVIDER);
            List<EndpointRequest> requests = gets.stream()
                    .map(get -> request(config.getOrDefault("slug", "aot-training"), get)).toList();
            boolean callStream = init.getCapabilitiesList().contains(Capabilities.ENDPOINT_CALL_STREAM);
            for (int round = 0; round < ROUNDS; round++) {
                stub.ping(PingRequest.getDefaultInstance());
                if (resources) {
                    resourceCalls(stub);
                }
                for (EndpointRequest request : requests) {
                    stub.handleEndpointRequest(request);
                }
                if (callStream && !requests.isEmpty()) {
                    overCallStream(channel, requests);
                }
            }
            stub.shutdown(ShutdownRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * What the control plane asks a Resource Provider as it starts: its types. (Not its instances:
     * the training run offers no host services, so a provider keeping them in its plugin store could
     * only fail, with a warning per call.)
     */
    private static void resourceCalls(PluginServiceGrpc.PluginServiceBlockingStub stub) {
        stub.getResourceTypeRegistrations(GetResourceTypeRegistrationsRequest.getDefaultInstance());
    }

    /** The requests once more, as the gateway sends small unary calls: over one EndpointCalls stream. */
    private static void overCallStream(ManagedChannel channel, List<EndpointRequest> requests)
            throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(requests.size());
        CompletableFuture<Void> ended = new CompletableFuture<>();
        StreamObserver<EndpointCall> calls = PluginServiceGrpc.newStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .endpointCalls(new StreamObserver<>() {
                    @Override
                    public void onNext(EndpointCallResult result) {
                        answered.countDown();
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.completeExceptionally(t);
                        while (answered.getCount() > 0) {
                            answered.countDown();
                        }
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(null);
                    }
                });
        long id = 0;
        for (EndpointRequest request : requests) {
            calls.onNext(EndpointCall.newBuilder().setCallId(++id).setRequest(request).setTimeoutMs(60_000).build());
        }
        if (!answered.await(60, TimeUnit.SECONDS) || ended.isCompletedExceptionally()) {
            throw new IllegalStateException("the EndpointCalls stream did not answer");
        }
        calls.onCompleted();
    }

    private static EndpointRequest request(String slug, String get) {
        int q = get.indexOf('?');
        String path = q < 0 ? get : get.substring(0, q);
        EndpointRequest.Builder request = EndpointRequest.newBuilder().setMethod("GET")
                .setPath("/plugins/" + slug + path).setRelativePath(path)
                .setQueryString(q < 0 ? "" : get.substring(q + 1))
                .setRemoteAddr("127.0.0.1").setHost("localhost").setProtocol("http");
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                request.addPathSegments(segment);
            }
        }
        return request.build();
    }
}
