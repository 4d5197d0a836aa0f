package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreEntry;
import io.aigw.plugin.api.StorePage;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The registered servers, in the plugin's own store: {@code servers/<id>} holds a server's
 * description as JSON, {@code secrets/<id>} the value of its upstream auth header, apart, so that
 * nothing that lists or describes servers ever reads a secret. Nothing is cached: every answer is
 * what the store holds now. On an edge gateway the store is the control plane's, over HTTP; while
 * it cannot be reached these calls throw.
 */
final class ServerCatalog {

    private static final String SERVERS = "servers/";
    private static final String SECRETS = "secrets/";
    private static final int PAGE = 200;
    /** Ids this plugin hands out: a slug of the name and a random tail, e.g. {@code github-7hq2xk}. */
    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String TAIL_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PluginStore store;
    private final ObjectMapper json;
    private final System.Logger log;

    ServerCatalog(PluginStore store, ObjectMapper json, System.Logger log) {
        this.store = store;
        this.json = json;
        this.log = log;
    }

    List<McpServer> list() {
        List<McpServer> servers = new ArrayList<>();
        String after = null;
        do {
            StorePage<StoreEntry> page = store.entries(SERVERS, after, PAGE);
            for (StoreEntry e : page.items()) {
                read(e.key(), e.value()).ifPresent(servers::add);
            }
            after = page.next();
        } while (after != null);
        return servers;
    }

    Optional<McpServer> get(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        String key = SERVERS + id;
        return store.get(key).flatMap(value -> read(key, value));
    }

    /** The upstream auth header's value for server {@code id}; empty when none is stored. */
    Optional<String> secret(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        return store.get(SECRETS + id).map(b -> new String(b, StandardCharsets.US_ASCII));
    }

    McpServer create(ServerDraft draft) {
        String id = newId(draft.name());
        while (store.get(SERVERS + id).isPresent()) {
            id = newId(draft.name());
        }
        // the secret first: a server never exists without the credential it needs
        if (draft.secret() != null) {
            store.put(SECRETS + id, draft.secret().getBytes(StandardCharsets.US_ASCII));
        }
        McpServer server = new McpServer(id, draft.name(), draft.description(), draft.url(), draft.prefix(),
                draft.privacyScore(), true, draft.auth());
        write(server, Instant.now().toString());
        return server;
    }

    /**
     * Replaces server {@code id}'s description with {@code draft}'s, keeping its id, its active flag
     * and its creation time. The stored secret is replaced when the draft brings one, deleted when
     * the server no longer authenticates with a header, and otherwise kept.
     *
     * @return the server as now stored; empty when there is no server {@code id}
     */
    Optional<McpServer> update(String id, ServerDraft draft) {
        Optional<StoredServer> old = stored(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        if (draft.secret() != null) {
            store.put(SECRETS + id, draft.secret().getBytes(StandardCharsets.US_ASCII));
        }
        McpServer server = new McpServer(id, draft.name(), draft.description(), draft.url(), draft.prefix(),
                draft.privacyScore(), old.get().server().active(), draft.auth());
        write(server, old.get().createdAt());
        if (!(draft.auth() instanceof UpstreamAuth.StaticHeader)) {
            store.delete(SECRETS + id); // a credential nothing uses any more is not kept
        }
        return Optional.of(server);
    }

    /** Activates or deactivates server {@code id}; empty when there is no such server. */
    Optional<McpServer> setActive(String id, boolean active) {
        Optional<StoredServer> old = stored(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        McpServer s = old.get().server();
        McpServer server = new McpServer(s.id(), s.name(), s.description(), s.url(), s.prefix(), s.privacyScore(),
                active, s.auth());
        write(server, old.get().createdAt());
        return Optional.of(server);
    }

    private record StoredServer(McpServer server, String createdAt) {
    }

    private Optional<StoredServer> stored(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        String key = SERVERS + id;
        return store.get(key).flatMap(value -> {
            String createdAt;
            try {
                createdAt = json.readTree(value).path("created_at").asText(Instant.now().toString());
            } catch (IOException e) {
                createdAt = Instant.now().toString();
            }
            String at = createdAt;
            return read(key, value).map(server -> new StoredServer(server, at));
        });
    }

    private void write(McpServer server, String createdAt) {
        ObjectNode stored = json.createObjectNode()
                .put("id", server.id())
                .put("name", server.name())
                .put("description", server.description())
                .put("url", server.url().toString())
                .put("prefix", server.prefix())
                .put("privacy_score", server.privacyScore())
                .put("is_active", server.active())
                .put("auth", server.auth().kind())
                .put("created_at", createdAt);
        if (server.auth() instanceof UpstreamAuth.StaticHeader h) {
            stored.put("auth_header", h.headerName());
        }
        try {
            store.put(SERVERS + server.id(), json.writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a server as JSON", e);
        }
    }

    static boolean wellFormed(String id) {
        return id != null && id.length() <= 64 && ID.matcher(id).matches();
    }

    private static String newId(String name) {
        String stem = ServerDraft.prefixOf(name);
        StringBuilder id = new StringBuilder(stem).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(TAIL_ALPHABET.charAt(RANDOM.nextInt(TAIL_ALPHABET.length())));
        }
        return id.toString();
    }

    private Optional<McpServer> read(String key, byte[] value) {
        try {
            JsonNode s = json.readTree(value);
            UpstreamAuth auth = "header".equals(s.path("auth").asText())
                    ? new UpstreamAuth.StaticHeader(s.path("auth_header").asText())
                    : UpstreamAuth.NONE;
            return Optional.of(new McpServer(s.path("id").asText(), s.path("name").asText(),
                    s.path("description").asText(""), URI.create(s.path("url").asText()), s.path("prefix").asText(),
                    s.path("privacy_score").asInt(), s.path("is_active").asBoolean(true), auth));
        } catch (IOException | RuntimeException e) {
            // one damaged value must not hide every other server
            log.log(WARNING, "store key {0} holds no readable MCP server, skipped: {1}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
