package io.aigw.gateway.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.gateway.auth.Bearer;
import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.InvalidStoreKeyException;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreLimits;
import io.aigw.plugin.api.StorePage;
import io.aigw.plugin.api.StoreUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * An edge's plugin storage: each plugin's store is the control plane's store of that plugin
 * (the same keys, quotas and rules), reached over HTTP with the edge secret ({@link EdgeProtocol}).
 * Keys and values are checked here first, with the messages of every other store, so a bad call
 * costs no round trip. Every call is bounded by one timeout, failing over to the next control
 * plane only when one cannot be connected to (a request that reached one is never sent twice);
 * whatever keeps the answer from coming is a {@link StoreUnavailableException}, which plugins
 * already expect of a store.
 */
public final class EdgePluginStorage implements PluginStorage, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EdgePluginStorage.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The largest answer read: a page of entries holds up to {@link StoreLimits#MAX_PAGE_BYTES} of
     * values (plus the one that ends it), base64 in JSON, with at most a thousand keys.
     */
    static final int MAX_ANSWER_BYTES = 12 << 20;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final List<URI> controlPlanes;
    private final String secret;
    private final Duration timeout;
    private final Supplier<URI> preferred;
    private final HttpClient http;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("edge-plugin-store-", 0).factory());

    /**
     * @param controlPlanes where the store may be reached, in order
     * @param timeout       the most one store call takes, connecting and failing over included
     * @param preferred     the control plane to try first (the one the edge streams from), or null
     */
    public EdgePluginStorage(List<URI> controlPlanes, String secret, Duration timeout, Supplier<URI> preferred) {
        if (controlPlanes.isEmpty()) {
            throw new IllegalArgumentException("an edge's plugin storage needs a control plane");
        }
        this.controlPlanes = List.copyOf(controlPlanes);
        this.secret = secret;
        this.timeout = timeout;
        this.preferred = preferred;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public PluginStore forPlugin(long pluginId) {
        return new Store(pluginId);
    }

    @Override
    public void close() {
        calls.shutdownNow();
        http.shutdownNow();
    }

    private final class Store implements PluginStore {

        private final long pluginId;

        Store(long pluginId) {
            this.pluginId = pluginId;
        }

        @Override
        public Optional<byte[]> get(String key) {
            StoreLimits.checkKey(key);
            Answer a = call("GET", EdgeProtocol.STORE_VALUE, query("key", key), null);
            return a.status() == 204 ? Optional.empty() : Optional.of(a.body());
        }

        @Override
        public void put(String key, byte[] value) {
            StoreLimits.checkKey(key);
            StoreLimits.checkValue(key, value);
            call("PUT", EdgeProtocol.STORE_VALUE, query("key", key), value);
        }

        @Override
        public boolean delete(String key) {
            StoreLimits.checkKey(key);
            return json(call("DELETE", EdgeProtocol.STORE_VALUE, query("key", key), null)).path("deleted").asBoolean();
        }

        @Override
        public StorePage<String> keys(String prefix, String startAfter, int limit) {
            JsonNode page = json(call("GET", EdgeProtocol.STORE_KEYS, listing(prefix, startAfter, limit), null));
            List<String> keys = new ArrayList<>();
            for (JsonNode k : page.path("keys")) {
                keys.add(k.asText());
            }
            return new StorePage<>(keys, next(page));
        }

        @Override
        public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
            JsonNode page = json(call("GET", EdgeProtocol.STORE_ENTRIES, listing(prefix, startAfter, limit), null));
            List<StoreEntry> entries = new ArrayList<>();
            Base64.Decoder base64 = Base64.getDecoder();
            for (JsonNode e : page.path("entries")) {
                try {
                    entries.add(new StoreEntry(e.path("key").asText(), base64.decode(e.path("value").asText())));
                } catch (IllegalArgumentException bad) {
                    throw invalidAnswer();
                }
            }
            return new StorePage<>(entries, next(page));
        }

        private String listing(String prefix, String startAfter, int limit) {
            String from = StoreLimits.checkPrefix(prefix);
            if (startAfter != null) {
                StoreLimits.checkKey(startAfter);
            }
            int size = StoreLimits.pageSize(limit);
            return query("prefix", from) + "&" + query("limit", String.valueOf(size))
                    + (startAfter == null ? "" : "&" + query("after", startAfter));
        }

        private Answer call(String method, String what, String query, byte[] body) {
            return send(pluginId, method, what, query, body);
        }
    }

    private record Answer(int status, byte[] body) {
    }

    /**
     * The call, bounded as a whole: the request's own timeout ends only the wait for the answer's
     * headers, so an answer whose body stalls is cut off here (interrupting the read ends it).
     */
    private Answer send(long pluginId, String method, String what, String query, byte[] body) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<Answer> call;
        try {
            call = calls.submit(() -> attempt(pluginId, method, what, query, body, deadline));
        } catch (RejectedExecutionException e) {
            throw new StoreUnavailableException("plugin storage is unavailable: this edge is shutting down");
        }
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StoreUnavailableException("plugin storage is unavailable: the control plane did not answer "
                    + "within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("plugin storage call interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PluginStoreException refused) {
                throw refused;
            }
            LOG.log(DEBUG, "Plugin store call failed: {0}", String.valueOf(e.getCause()));
            throw new StoreUnavailableException("plugin storage is unavailable: the call to the control plane failed");
        }
    }

    private Answer attempt(long pluginId, String method, String what, String query, byte[] body, long deadline) {
        String path = EdgeProtocol.STORE_PATH + pluginId + "/" + what + "?" + query;
        ConnectException unreachable = null;
        for (URI base : order()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            HttpRequest request = HttpRequest.newBuilder(EdgeProtocol.resolve(base, path))
                    .header("Authorization", Bearer.header(secret))
                    .header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofNanos(left))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                unreachable = new ConnectException(e.getMessage());
                continue;
            } catch (ConnectException e) {
                unreachable = e;
                continue; // never reached this one: the next may answer
            } catch (HttpTimeoutException e) {
                throw new StoreUnavailableException("plugin storage is unavailable: the control plane did not answer "
                        + "within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                LOG.log(DEBUG, "Plugin store call to {0} failed: {1}", base, e.toString());
                throw new StoreUnavailableException("plugin storage is unavailable: the connection to the control "
                        + "plane failed (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("plugin storage call interrupted");
            }
            return answer(response);
        }
        if (unreachable != null) {
            LOG.log(DEBUG, "Plugin store unreachable: {0}", unreachable.toString());
            throw new StoreUnavailableException("plugin storage is unavailable: this edge cannot reach the control "
                    + "plane, which keeps it");
        }
        throw new StoreUnavailableException("plugin storage is unavailable: the control plane did not answer within "
                + timeout.toMillis() + " ms");
    }

    private Answer answer(HttpResponse<InputStream> response) {
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
        } catch (IOException e) {
            throw new StoreUnavailableException("plugin storage is unavailable: the control plane's answer broke off");
        }
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw invalidAnswer();
        }
        int status = response.statusCode();
        if (status == 200 || status == 204) {
            return new Answer(status, bytes);
        }
        throw refusal(status, bytes);
    }

    private static PluginStoreException refusal(int status, byte[] bytes) {
        JsonNode error;
        try {
            error = JSON.readTree(bytes);
        } catch (IOException e) {
            error = null;
        }
        String message = error == null ? "" : error.path("error").asText("");
        String kind = error == null ? "" : error.path(EdgeProtocol.STORE_ERROR).asText("");
        return switch (kind) {
            case EdgeProtocol.STORE_INVALID_KEY -> new InvalidStoreKeyException(message);
            case EdgeProtocol.STORE_LIMIT_EXCEEDED -> new StoreLimitExceededException(message);
            case EdgeProtocol.STORE_UNAVAILABLE -> new StoreUnavailableException(message);
            default -> new StoreUnavailableException(switch (status) {
                case 401 -> "plugin storage is unavailable: the control plane refused this edge's secret";
                case 404 -> "plugin storage is unavailable: the control plane offers no plugin store to edges "
                        + "(an older version?)";
                default -> "plugin storage is unavailable: the control plane answered HTTP " + status
                        + (message.isEmpty() ? "" : " (" + message + ")");
            });
        };
    }

    /** The control plane the edge streams from first, then the others in their order. */
    private Iterable<URI> order() {
        URI first = preferred == null ? null : preferred.get();
        if (first == null) {
            return controlPlanes;
        }
        Set<URI> order = new LinkedHashSet<>();
        order.add(first);
        order.addAll(controlPlanes);
        return order;
    }

    private static JsonNode json(Answer answer) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw invalidAnswer();
            }
            return node;
        } catch (IOException e) {
            throw invalidAnswer();
        }
    }

    private static String next(JsonNode page) {
        JsonNode next = page.path("next");
        return next.isTextual() ? next.asText() : null;
    }

    private static StoreUnavailableException invalidAnswer() {
        return new StoreUnavailableException("plugin storage is unavailable: the control plane's answer could not "
                + "be read");
    }

    // %20 for a space: a '+' would have to be read as a space by the other side, and is sent as %2B
    private static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
