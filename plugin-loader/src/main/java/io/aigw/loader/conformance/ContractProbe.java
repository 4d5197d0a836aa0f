package io.aigw.loader.conformance;

import com.google.protobuf.ByteString;
import io.aigw.loader.grpc.GrpcFailures;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.runtime.Capabilities;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.proto.App;
import io.aigw.runtime.proto.EndpointCall;
import io.aigw.runtime.proto.EndpointCallResult;
import io.aigw.runtime.proto.EndpointRequest;
import io.aigw.runtime.proto.EndpointResponse;
import io.aigw.runtime.proto.EndpointResponseChunk;
import io.aigw.runtime.proto.GetEndpointRegistrationsRequest;
import io.aigw.runtime.proto.GetResourceInstanceRequest;
import io.aigw.runtime.proto.GetResourceTypeRegistrationsRequest;
import io.aigw.runtime.proto.Header;
import io.aigw.runtime.proto.HostServicesEndpoint;
import io.aigw.runtime.proto.InitializeRequest;
import io.aigw.runtime.proto.InitializeResponse;
import io.aigw.runtime.proto.ListResourceInstancesRequest;
import io.aigw.runtime.proto.PingRequest;
import io.aigw.runtime.proto.PluginContext;
import io.aigw.runtime.proto.PluginServiceGrpc;
import io.aigw.runtime.proto.ResourceInstance;
import io.aigw.runtime.proto.ResourceTypeRegistration;
import io.aigw.runtime.proto.ShutdownRequest;
import io.aigw.runtime.proto.ValidateResourceSelectionRequest;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gRPC half of the checks: the calls a gateway makes, in the order it makes them, each judged
 * against docs/plugin-protocol.md. Every call has a deadline, so a plugin that hangs fails a check
 * instead of hanging the checker.
 */
final class ContractProbe {

    /** An instance id no plugin issued. */
    static final String NO_SUCH_INSTANCE = "aigw-conformance-no-such-instance";
    private static final Set<String> KNOWN_CAPABILITIES = Set.of(Capabilities.CUSTOM_ENDPOINT,
            Capabilities.RESOURCE_PROVIDER, Capabilities.ENDPOINT_CALL_STREAM);
    private static final int MAX_DERIVED_TARGETS = 10;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(1);

    private final ConformanceOptions options;
    private final HostServicesEndpoint hostServices;
    private final Report report;
    private final PluginServiceGrpc.PluginServiceBlockingStub blocking;
    private final PluginServiceGrpc.PluginServiceStub async;
    private List<String> capabilities = List.of();
    private final List<Target> unaryTargets = new ArrayList<>();
    private final List<Target> streamTargets = new ArrayList<>();
    private long requestCount;

    /** One GET the checker sends: the relative path with its query, and the route it falls to. */
    record Target(String relativePath, String query, io.aigw.runtime.proto.EndpointRegistration route) {
        String label() {
            return "GET " + relativePath + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /** @param hostServices the store endpoint offered at Initialize, or null for none */
    ContractProbe(Channel channel, ConformanceOptions options, Report report, HostServicesEndpoint hostServices) {
        this.options = options;
        this.hostServices = hostServices;
        this.report = report;
        this.blocking = PluginServiceGrpc.newBlockingStub(channel);
        this.async = PluginServiceGrpc.newStub(channel);
    }

    // ---- lifecycle

    /** Initialize, first with a version it cannot speak, then for real. False when it could not start. */
    boolean initialize() {
        try {
            withDeadline().initialize(InitializeRequest.newBuilder().putAllConfig(options.config())
                    .setPluginName("conformance").setProtocolVersion(99).build());
            report.fail("protocol-version", "Initialize with protocol_version 99 was answered OK: a plugin must "
                    + "fail it with FAILED_PRECONDITION when it does not speak the version");
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.UNAVAILABLE) {
                report.fail("connect", "cannot reach the plugin: " + describe(e.getStatus()));
                return false;
            }
            if (code == Status.Code.FAILED_PRECONDITION) {
                report.pass("protocol-version", "Initialize with protocol_version 99 failed with FAILED_PRECONDITION");
            } else {
                report.warn("protocol-version", "Initialize with protocol_version 99 failed with " + code
                        + "; the contract asks for FAILED_PRECONDITION");
            }
        }
        long start = System.nanoTime();
        InitializeResponse init;
        InitializeRequest.Builder request = InitializeRequest.newBuilder().putAllConfig(options.config())
                .setPluginName("conformance").setProtocolVersion(Handshake.PROTOCOL_VERSION);
        if (hostServices != null) {
            request.setHostServices(hostServices);
        }
        try {
            init = withDeadline().initialize(request.build());
        } catch (StatusRuntimeException e) {
            report.fail("initialize", "Initialize " + options.config() + " failed with " + describe(e.getStatus())
                    + ": the gateway marks the plugin failed");
            return false;
        }
        capabilities = init.getCapabilitiesList();
        String detail = "answered in " + millisSince(start) + " ms: capabilities " + capabilities
                + ", plugin_version '" + init.getPluginVersion() + "'";
        List<String> unknown = capabilities.stream().filter(c -> !KNOWN_CAPABILITIES.contains(c)).toList();
        if (!unknown.isEmpty()) {
            report.warn("initialize", detail + "; unknown capabilities " + unknown + " are ignored");
        } else if (!has(Capabilities.CUSTOM_ENDPOINT) && !has(Capabilities.RESOURCE_PROVIDER)) {
            report.warn("initialize", detail + "; announces neither custom_endpoint nor resource_provider: "
                    + "the gateway will make no calls to it");
        } else {
            report.pass("initialize", detail);
        }
        return true;
    }

    void ping() {
        long worst = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try {
                blocking.withDeadlineAfter(PING_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .ping(PingRequest.getDefaultInstance());
            } catch (StatusRuntimeException e) {
                report.fail("ping", "Ping " + (i + 1) + " failed with " + describe(e.getStatus())
                        + " (deadline 1 s): two failures in a row and the gateway restarts the plugin");
                return;
            }
            worst = Math.max(worst, millisSince(start));
        }
        report.pass("ping", "3 Pings answered, slowest in " + worst + " ms (deadline 1 s)");
    }

    /** True when Shutdown was answered. */
    boolean shutdown() {
        long start = System.nanoTime();
        try {
            withDeadline().shutdown(ShutdownRequest.getDefaultInstance());
            report.pass("shutdown", "answered in " + millisSince(start) + " ms");
            return true;
        } catch (StatusRuntimeException e) {
            report.fail("shutdown", "Shutdown failed with " + describe(e.getStatus()));
            return false;
        }
    }

    // ---- custom endpoint

    void registrations() {
        if (!has(Capabilities.CUSTOM_ENDPOINT)) {
            report.skip("registrations", "custom_endpoint not announced: the gateway asks for no routes");
            return;
        }
        List<io.aigw.runtime.proto.EndpointRegistration> routes;
        try {
            routes = withDeadline().getEndpointRegistrations(GetEndpointRegistrationsRequest.getDefaultInstance())
                    .getRegistrationsList();
        } catch (StatusRuntimeException e) {
            report.fail("registrations", "GetEndpointRegistrations failed with " + describe(e.getStatus())
                    + ": the gateway marks the plugin failed");
            return;
        }
        if (routes.isEmpty()) {
            report.warn("registrations", "no routes: the plugin serves nothing under /plugins/{slug}/");
            return;
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> described = new ArrayList<>();
        for (var route : routes) {
            if (!route.getPath().startsWith("/")) {
                problems.add("path '" + route.getPath() + "' must start with '/' (not served)");
                continue;
            }
            if (route.getMethodsCount() == 0) {
                problems.add(route.getPath() + " names no methods (not served)");
            }
            for (String method : route.getMethodsList()) {
                String upper = method.toUpperCase(Locale.ROOT);
                if (!EndpointRegistration.VALID_METHODS.contains(upper)) {
                    problems.add(route.getPath() + ": method '" + method + "' is not one of "
                            + EndpointRegistration.VALID_METHODS + " (not served)");
                } else if (!seen.add(upper + " " + route.getPath())) {
                    problems.add(upper + " " + route.getPath() + " is registered twice (the first wins)");
                }
            }
            described.add(String.join("+", route.getMethodsList()) + " " + route.getPath()
                    + (route.getStreamResponse() ? " (stream)" : "") + (route.getRequireAuth() ? " (auth)" : ""));
        }
        if (problems.isEmpty()) {
            report.pass("registrations", routes.size() + " routes: " + String.join(", ", described));
        } else {
            report.fail("registrations", String.join("; ", problems));
        }
        chooseTargets(routes);
    }

    private void chooseTargets(List<io.aigw.runtime.proto.EndpointRegistration> routes) {
        List<String> gets = new ArrayList<>(options.gets());
        if (gets.isEmpty()) {
            for (var route : routes) {
                if (route.getPath().startsWith("/") && allows(route, "GET")) {
                    gets.add(route.getPath().endsWith("/*")
                            ? route.getPath().substring(0, route.getPath().length() - 1) + "conformance-check"
                            : route.getPath());
                }
            }
            gets = gets.stream().distinct().limit(MAX_DERIVED_TARGETS).toList();
        }
        for (String get : gets) {
            int q = get.indexOf('?');
            String path = q < 0 ? get : get.substring(0, q);
            String query = q < 0 ? "" : get.substring(q + 1);
            var route = match(routes, path);
            if (route == null) {
                report.warn("routes", "no GET route matches " + get + "; not sent");
            } else {
                (route.getStreamResponse() ? streamTargets : unaryTargets).add(new Target(path, query, route));
            }
        }
    }

    /** The route the gateway would pick for a GET: exact paths first, then the longest wildcard. */
    private static io.aigw.runtime.proto.EndpointRegistration match(
            List<io.aigw.runtime.proto.EndpointRegistration> routes, String path) {
        for (var route : routes) {
            if (route.getPath().equals(path) && allows(route, "GET")) {
                return route;
            }
        }
        return routes.stream()
                .filter(r -> r.getPath().endsWith("/*") && allows(r, "GET"))
                .filter(r -> {
                    String prefix = r.getPath().substring(0, r.getPath().length() - 1);
                    return path.startsWith(prefix) || (path + "/").equals(prefix);
                })
                .max(Comparator.comparingInt(r -> r.getPath().length()))
                .orElse(null);
    }

    private static boolean allows(io.aigw.runtime.proto.EndpointRegistration route, String method) {
        return route.getMethodsList().stream().anyMatch(m -> m.equalsIgnoreCase(method));
    }

    void unary() {
        if (!has(Capabilities.CUSTOM_ENDPOINT)) {
            return;
        }
        if (unaryTargets.isEmpty()) {
            report.skip("unary", "no unary GET route to call (name one with --get)");
            return;
        }
        for (Target target : unaryTargets) {
            long start = System.nanoTime();
            try {
                EndpointResponse response = blocking.withDeadlineAfter(options.timeout().toMillis(),
                        TimeUnit.MILLISECONDS).handleEndpointRequest(request(target));
                String problem = responseProblem(response.getStatusCode(), response.getHeadersList());
                if (problem != null) {
                    report.fail("unary", target.label() + ": " + problem);
                } else {
                    report.pass("unary", target.label() + " → " + response.getStatusCode() + ", "
                            + response.getBody().size() + " bytes in " + millisSince(start) + " ms");
                }
            } catch (StatusRuntimeException e) {
                callFailed("unary", target, e.getStatus(), "HandleEndpointRequest");
            }
        }
    }

    /** Over EndpointCalls, when announced: the same requests, each answer matched by call_id. */
    void callStream() {
        if (!has(Capabilities.ENDPOINT_CALL_STREAM)) {
            report.skip("endpoint-calls", "endpoint_call_stream not announced: unary calls go one by one");
            return;
        }
        if (unaryTargets.isEmpty()) {
            report.skip("endpoint-calls", "no unary GET route to call");
            return;
        }
        Map<Long, EndpointCallResult> results = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        CompletableFuture<Status> ended = new CompletableFuture<>();
        StreamObserver<EndpointCall> calls = async.withDeadlineAfter(options.timeout().toMillis() * 2,
                TimeUnit.MILLISECONDS).endpointCalls(new StreamObserver<>() {
                    @Override
                    public void onNext(EndpointCallResult result) {
                        if (results.putIfAbsent(result.getCallId(), result) != null) {
                            synchronized (problems) {
                                problems.add("call " + result.getCallId() + " answered twice");
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
        Map<Long, Target> sent = new LinkedHashMap<>();
        long id = 0;
        for (Target target : unaryTargets) {
            sent.put(++id, target);
            calls.onNext(EndpointCall.newBuilder().setCallId(id).setRequest(request(target))
                    .setTimeoutMs((int) options.timeout().toMillis()).build());
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (results.size() < sent.size() && !ended.isDone() && System.nanoTime() < deadline) {
            sleep(20);
        }
        for (var e : sent.entrySet()) {
            EndpointCallResult result = results.get(e.getKey());
            if (result == null) {
                problems.add(e.getValue().label() + " (call " + e.getKey() + ") got no answer"
                        + (ended.isDone() ? ": the stream ended with " + describe(ended.join()) : " within "
                        + options.timeout().toSeconds() + " s"));
            } else if (result.hasResponse()) {
                String problem = responseProblem(result.getResponse().getStatusCode(),
                        result.getResponse().getHeadersList());
                if (problem != null) {
                    problems.add(e.getValue().label() + ": " + problem);
                }
            } else if (!result.hasFailure()) {
                problems.add(e.getValue().label() + ": a result with neither response nor failure");
            }
        }
        results.keySet().stream().filter(k -> !sent.containsKey(k))
                .forEach(k -> problems.add("an answer for call " + k + ", which was never sent"));
        calls.onCompleted();
        if (problems.isEmpty()) {
            report.pass("endpoint-calls", sent.size() + " calls over one stream, each answered once by call_id");
        } else {
            report.fail("endpoint-calls", String.join("; ", problems));
        }
    }

    /** Each stream route once: the chunk order, and how the call ends. */
    void streams() {
        if (!has(Capabilities.CUSTOM_ENDPOINT)) {
            return;
        }
        if (streamTargets.isEmpty()) {
            report.skip("stream-order", "no stream GET route to call (name one with --get)");
            return;
        }
        for (Target target : streamTargets) {
            checkStream(target);
        }
    }

    private void checkStream(Target target) {
        OpenStream stream = open(target, options.streamWindow().plus(options.timeout()));
        ChunkOrder order = new ChunkOrder();
        long start = System.nanoTime();
        long windowEnd = start + options.streamWindow().toNanos();
        try {
            while (true) {
                long wait = order.chunks() == 0 ? options.timeout().toNanos()
                        : Math.max(0, windowEnd - System.nanoTime());
                Object item = stream.next(wait);
                if (item == null) {
                    if (order.chunks() == 0) {
                        report.fail("stream-order", target.label() + ": no chunk within "
                                + options.timeout().toSeconds() + " s (the client gets 504 at the stream limit)");
                    } else {
                        report.pass("stream-order", target.label() + ": " + summary(order) + ", in order; still "
                                + "streaming after " + options.streamWindow().toSeconds() + " s, stopped by the checker");
                    }
                    return;
                }
                if (item instanceof EndpointResponseChunk chunk) {
                    String violation = order.accept(chunk);
                    if (violation != null) {
                        report.fail("stream-order", target.label() + ": " + violation);
                        return;
                    }
                    continue;
                }
                Status end = (Status) item;
                judgeEnd(target, order, end);
                return;
            }
        } finally {
            stream.cancel();
        }
    }

    private void judgeEnd(Target target, ChunkOrder order, Status end) {
        String seen = target.label() + ": " + summary(order);
        if (end.isOk()) {
            if (!order.headersSent()) {
                report.fail("stream-order", target.label() + ": the call ended OK before HEADERS"
                        + (order.ended() ? " (after ERROR: the client gets 502)" : " (the client gets 502)"));
            } else if (!order.ended()) {
                report.warn("stream-order", seen + ", then the call ended without DONE (taken as DONE)");
            } else {
                report.pass("stream-order", seen + ", call ended OK");
            }
            return;
        }
        if (order.ended() && order.headersSent()) {
            report.warn("stream-order", seen + ", then the call ended with " + describe(end) + " instead of OK");
        } else if (order.ended()) {
            report.warn("stream-order", target.label() + ": ERROR before HEADERS (the client gets 502); name a "
                    + "request that streams with --get");
        } else if (order.headersSent()) {
            report.warn("stream-order", seen + ", then the call failed with " + describe(end)
                    + " without ERROR: the client's connection is cut");
        } else {
            callFailed("stream-order", target, end, "HandleEndpointRequestStream");
        }
    }

    private static String summary(ChunkOrder order) {
        return (order.headersSent() ? "HEADERS" : "") + (order.bodies() > 0 ? ", " + order.bodies() + " BODY" : "")
                + (order.ended() ? ", " + order.ending() : "");
    }

    /** A stream cancelled after its first chunk, as when the HTTP client goes away. */
    void cancellation() {
        if (!has(Capabilities.CUSTOM_ENDPOINT)) {
            return;
        }
        if (streamTargets.isEmpty()) {
            report.skip("cancellation", "no stream GET route to cancel");
            return;
        }
        Target target = streamTargets.getFirst();
        OpenStream first = open(target, options.streamWindow().plus(options.timeout()));
        try {
            Object item = first.next(options.timeout().toNanos());
            if (!(item instanceof EndpointResponseChunk)) {
                report.skip("cancellation", target.label() + " gave no chunk to cancel after"
                        + (item == null ? " within the timeout" : ": it ended at once"));
                return;
            }
            Object second = first.next(0);
            if (second instanceof Status || first.ended()) {
                report.skip("cancellation", target.label() + " ended before it could be cancelled; name a longer "
                        + "stream with --get");
                return;
            }
            try {
                blocking.withDeadlineAfter(PING_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .ping(PingRequest.getDefaultInstance());
            } catch (StatusRuntimeException e) {
                report.fail("ping-while-busy", "Ping failed with " + describe(e.getStatus()) + " while " + target.label()
                        + " was streaming: answer Ping without waiting for other work");
            }
        } finally {
            first.cancel();
        }
        try {
            blocking.withDeadlineAfter(PING_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .ping(PingRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            report.fail("cancellation", "after " + target.label() + " was cancelled, Ping failed with "
                    + describe(e.getStatus()) + ": did the plugin die of the cancellation?");
            return;
        }
        long start = System.nanoTime();
        OpenStream again = open(target, options.streamWindow().plus(options.timeout()));
        try {
            Object item = again.next(options.timeout().toNanos());
            if (item instanceof EndpointResponseChunk) {
                report.pass("cancellation", target.label() + " cancelled after its first chunk; the plugin kept "
                        + "serving (Ping answered, the next stream started in " + millisSince(start) + " ms)");
            } else {
                report.fail("cancellation", "after " + target.label() + " was cancelled, the same request got "
                        + (item == null ? "nothing within " + options.timeout().toSeconds() + " s"
                        : "no chunk: " + describe((Status) item)));
            }
        } finally {
            again.cancel();
        }
    }

    // ---- resource provider

    void resources() {
        if (!has(Capabilities.RESOURCE_PROVIDER)) {
            report.skip("resources", "resource_provider not announced: no resource calls");
            return;
        }
        List<ResourceTypeRegistration> types;
        try {
            types = withDeadline().getResourceTypeRegistrations(GetResourceTypeRegistrationsRequest.getDefaultInstance())
                    .getRegistrationsList();
        } catch (StatusRuntimeException e) {
            report.fail("resource-types", "GetResourceTypeRegistrations failed with " + describe(e.getStatus()));
            return;
        }
        Set<String> slugs = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (ResourceTypeRegistration type : types) {
            if (type.getSlug().isBlank() || type.getName().isBlank()) {
                problems.add("a resource type without slug or name: " + type.getSlug());
            } else if (!slugs.add(type.getSlug())) {
                problems.add("slug '" + type.getSlug() + "' twice");
            }
        }
        if (types.isEmpty()) {
            report.warn("resource-types", "resource_provider announced but no resource types registered");
            return;
        }
        if (!problems.isEmpty()) {
            report.fail("resource-types", String.join("; ", problems));
            return;
        }
        report.pass("resource-types", types.size() + " types: " + slugs);
        for (ResourceTypeRegistration type : types) {
            resourceCalls(type.getSlug());
        }
        report.skip("create-instance", "CreateResourceInstance not called: it would create an instance");
    }

    private void resourceCalls(String slug) {
        List<ResourceInstance> instances;
        try {
            instances = withDeadline().listResourceInstances(ListResourceInstancesRequest.newBuilder().setSlug(slug)
                    .build()).getInstancesList();
        } catch (StatusRuntimeException e) {
            report.fail("list-instances", slug + ": ListResourceInstances failed with " + describe(e.getStatus()));
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ResourceInstance instance : instances) {
            if (instance.getId().isEmpty()) {
                problems.add("an instance without id");
            }
            if (instance.getPrivacyScore() < 0 || instance.getPrivacyScore() > 100) {
                problems.add(instance.getId() + ": privacy_score " + instance.getPrivacyScore() + " outside 0-100");
            }
        }
        if (problems.isEmpty()) {
            report.pass("list-instances", slug + ": " + instances.size() + " instances");
        } else {
            report.fail("list-instances", slug + ": " + String.join("; ", problems));
        }
        try {
            withDeadline().getResourceInstance(GetResourceInstanceRequest.newBuilder().setSlug(slug)
                    .setInstanceId(NO_SUCH_INSTANCE).build());
            report.warn("get-instance", slug + ": an id it never issued was answered OK instead of NOT_FOUND");
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                report.pass("get-instance", slug + ": an unknown id is NOT_FOUND");
            } else {
                report.fail("get-instance", slug + ": an unknown id failed with " + describe(e.getStatus())
                        + "; it must be NOT_FOUND (anything else reads as 'could not answer')");
            }
        }
        if (!instances.isEmpty()) {
            String id = instances.getFirst().getId();
            try {
                ResourceInstance found = withDeadline().getResourceInstance(GetResourceInstanceRequest.newBuilder()
                        .setSlug(slug).setInstanceId(id).build());
                if (found.getId().equals(id)) {
                    report.pass("get-instance", slug + ": listed instance '" + id + "' is found");
                } else {
                    report.fail("get-instance", slug + ": asked for '" + id + "', got '" + found.getId() + "'");
                }
            } catch (StatusRuntimeException e) {
                report.fail("get-instance", slug + ": listed instance '" + id + "' failed with "
                        + describe(e.getStatus()));
            }
        }
        try {
            var verdict = withDeadline().validateResourceSelection(ValidateResourceSelectionRequest.newBuilder()
                    .setSlug(slug).setAppId(1).build());
            report.pass("validate-selection", slug + ": an empty selection is "
                    + (verdict.getValid() ? "valid" : "refused: " + verdict.getErrorMessage()));
        } catch (StatusRuntimeException e) {
            report.warn("validate-selection", slug + ": an empty selection failed with " + describe(e.getStatus())
                    + " ('could not decide': the control plane refuses the App change)");
        }
    }

    // ---- calls

    private boolean has(String capability) {
        return capabilities.contains(capability);
    }

    private PluginServiceGrpc.PluginServiceBlockingStub withDeadline() {
        return blocking.withDeadlineAfter(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void callFailed(String check, Target target, Status status, String rpc) {
        // what the gateway answers for this status, from the mapping it uses itself
        String answer = " (the client gets " + GrpcFailures.classify(status.getCode()).httpStatus() + ")";
        switch (status.getCode()) {
            case UNIMPLEMENTED -> report.fail(check, target.label() + ": " + rpc + " is not implemented, yet the "
                    + "plugin registered " + target.route().getPath() + answer);
            case DEADLINE_EXCEEDED -> report.fail(check, target.label() + ": no answer within "
                    + options.timeout().toSeconds() + " s" + answer);
            case UNAVAILABLE -> report.fail(check, target.label() + ": " + describe(status) + answer);
            default -> report.warn(check, target.label() + ": failed with " + describe(status) + answer);
        }
    }

    private static String responseProblem(int status, List<Header> headers) {
        if (status < 200 || status > 599) {
            return "status " + status + " is outside 200-599 (the client gets 502)";
        }
        String bad = ChunkOrder.invalidHeader(headers);
        return bad == null ? null : bad + " (the client gets 502)";
    }

    /** A request as the gateway maps one, with a multi-valued header. */
    private EndpointRequest request(Target target) {
        String slug = options.config().getOrDefault("slug", "conformance");
        EndpointRequest.Builder request = EndpointRequest.newBuilder()
                .setMethod("GET")
                .setPath("/plugins/" + slug + target.relativePath())
                .setRelativePath(target.relativePath())
                .setQueryString(target.query())
                .addHeaders(Header.newBuilder().setName("Host").addValues("localhost"))
                .addHeaders(Header.newBuilder().setName("User-Agent").addValues("aigw-plugin-conformance"))
                .addHeaders(Header.newBuilder().setName("X-Aigw-Conformance").addValues("one").addValues("two"))
                .setBody(ByteString.EMPTY)
                .setRemoteAddr("127.0.0.1")
                .setHost("localhost")
                .setProtocol("http")
                .setContext(PluginContext.newBuilder().setRequestId("conformance-" + (++requestCount))
                        .putMetadata("plugin_slug", slug));
        for (String segment : target.relativePath().split("/")) {
            if (!segment.isEmpty()) {
                request.addPathSegments(segment);
            }
        }
        if (target.route().getRequireAuth()) {
            request.setAuthenticated(true).addScopes("conformance")
                    .setApp(App.newBuilder().setId(1).setName("conformance").setIsActive(true)
                            .setOwnerEmail("conformance@example.com"));
        }
        return request.build();
    }

    private OpenStream open(Target target, Duration deadline) {
        OpenStream stream = new OpenStream();
        async.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handleEndpointRequestStream(request(target), stream);
        return stream;
    }

    /** A stream call read through a queue: chunks, then its final Status. */
    private static final class OpenStream implements ClientResponseObserver<EndpointRequest, EndpointResponseChunk> {
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private final AtomicReference<ClientCallStreamObserver<EndpointRequest>> call = new AtomicReference<>();
        private volatile boolean ended;

        @Override
        public void beforeStart(ClientCallStreamObserver<EndpointRequest> requestStream) {
            call.set(requestStream);
        }

        @Override
        public void onNext(EndpointResponseChunk chunk) {
            items.add(chunk);
        }

        @Override
        public void onError(Throwable t) {
            ended = true;
            items.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended = true;
            items.add(Status.OK);
        }

        /** The next chunk or final Status; null when {@code nanos} passed first. */
        Object next(long nanos) {
            try {
                return items.poll(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        boolean ended() {
            return ended;
        }

        void cancel() {
            if (!ended && call.get() != null) {
                call.get().cancel("the conformance checker stopped reading", null);
            }
        }
    }

    static String describe(Status status) {
        return status.getCode() + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
