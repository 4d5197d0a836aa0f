package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourcePayloadRejectedException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.aigw.examples.payload.ResourcePayload.integer;
import static io.aigw.examples.payload.ResourcePayload.object;
import static io.aigw.examples.payload.ResourcePayload.refused;
import static io.aigw.examples.payload.ResourcePayload.text;
import static io.aigw.examples.payload.ResourcePayload.unknownFields;

/**
 * A new MCP server as a creation payload describes it (an admin's direct creation, or an approved
 * submission with the approved {@code privacy_score} merged in):
 * <pre>{@code
 * {"name": "GitHub", "url": "https://mcp.example.com/mcp", "description": "...", "privacy_score": 40,
 *  "prefix": "github",
 *  "auth": {"type": "header", "header_name": "Authorization", "secret": "Bearer ghp_..."}}
 * }</pre>
 * {@code prefix} defaults to a slug of the name; {@code auth} defaults to {@code {"type": "none"}}.
 * The secret is handed back separately and never becomes part of the server's description.
 */
record ServerDraft(String name, String description, URI url, String prefix, int privacyScore, UpstreamAuth auth,
                   String secret) {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_URL = 2048;
    static final int MAX_SECRET = 8192;
    static final int MAX_PREFIX = 16;
    /** A letter first (so {@code prefix+scheme:} stays a valid URI scheme), lower-case words joined by '-'. */
    static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    /** Headers the gateway sets itself, that HTTP owns, or that carry MCP's own protocol. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "accept",
            "connection", "transfer-encoding", "upgrade", "expect", "te", "trailer", "keep-alive", "cookie",
            "origin", "last-event-id");
    private static final List<String> FIELDS = List.of("name", "url", "description", "privacy_score", "prefix", "auth");
    private static final List<String> AUTH_FIELDS = List.of("type", "header_name", "secret");

    /** The secret never shows up in logs or debuggers' string views by accident. */
    @Override
    public String toString() {
        return "ServerDraft[name=" + name + ", url=" + url + ", prefix=" + prefix + ", auth=" + auth.kind() + "]";
    }

    static ServerDraft parse(byte[] payload, ObjectMapper json) throws ResourcePayloadRejectedException {
        return parse(payload, json, false);
    }

    /**
     * @param secretKept whether a header auth may come without its {@code secret}: an edit of a
     *                   server that has one stored, which it then keeps ({@link #secret()} null)
     */
    static ServerDraft parse(byte[] payload, ObjectMapper json, boolean secretKept)
            throws ResourcePayloadRejectedException {
        ObjectNode body = object(payload, json, "{\"name\": \"GitHub\", \"url\": \"https://mcp.example.com/mcp\", "
                + "\"privacy_score\": 40}");
        List<String> unknown = unknownFields(body, FIELDS);
        if (!unknown.isEmpty()) {
            throw refused("unknown field" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + "; an MCP server takes " + String.join(", ", FIELDS));
        }
        String name = text(body, "name", MAX_NAME, true);
        String description = text(body, "description", MAX_DESCRIPTION, false);
        JsonNode urlNode = body.get("url");
        if (urlNode == null || urlNode.isNull()) {
            throw refused("'url' is required: the upstream's Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp");
        }
        if (!urlNode.isTextual()) {
            throw refused("'url' must be a string");
        }
        URI url;
        try {
            url = upstreamUrl(urlNode.asText().strip());
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        Integer score = integer(body, "privacy_score", 0, 100);
        if (score == null) {
            throw refused("'privacy_score' is required: a whole number from 0 (public) to 100 (most sensitive)");
        }
        String prefix;
        JsonNode givenPrefix = body.get("prefix");
        if (givenPrefix == null || givenPrefix.isNull()) {
            prefix = prefixOf(name);
        } else if (!givenPrefix.isTextual() || givenPrefix.asText().length() > MAX_PREFIX
                || !PREFIX.matcher(givenPrefix.asText()).matches()) {
            throw refused("'prefix' must be at most " + MAX_PREFIX + " characters: a lower-case letter, then "
                    + "letters, digits and single dashes, e.g. 'github' or 'jira-eu'");
        } else {
            prefix = givenPrefix.asText();
        }
        UpstreamAuth auth = UpstreamAuth.NONE;
        String secret = null;
        JsonNode authNode = body.get("auth");
        if (authNode != null && !authNode.isNull()) {
            if (!authNode.isObject()) {
                throw refused("'auth' must be an object: {\"type\": \"none\"} or {\"type\": \"header\", "
                        + "\"header_name\": \"Authorization\", \"secret\": \"Bearer ...\"}");
            }
            List<String> unknownAuth = unknownFields((ObjectNode) authNode, AUTH_FIELDS);
            if (!unknownAuth.isEmpty()) {
                throw refused("unknown field in 'auth': " + String.join(", ", unknownAuth) + "; it takes "
                        + String.join(", ", AUTH_FIELDS));
            }
            String type = authNode.path("type").asText("");
            switch (type) {
                case "none" -> {
                    if (authNode.has("header_name") || authNode.has("secret")) {
                        throw refused("'auth' of type 'none' takes no 'header_name' or 'secret'");
                    }
                }
                case "header" -> {
                    String header = authNode.path("header_name").asText("");
                    if (!TOKEN.matcher(header).matches()) {
                        throw refused("'auth.header_name' must be an HTTP header name, e.g. 'Authorization' or "
                                + "'X-Api-Key'");
                    }
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (RESERVED_HEADERS.contains(lower) || lower.startsWith("mcp-") || lower.startsWith("proxy-")) {
                        throw refused("'auth.header_name' '" + header + "' is set by the gateway or by MCP itself; "
                                + "use another header");
                    }
                    JsonNode secretNode = authNode.get("secret");
                    boolean absent = secretNode == null || secretNode.isNull()
                            || (secretNode.isTextual() && secretNode.asText().isEmpty());
                    if (absent && secretKept) {
                        auth = new UpstreamAuth.StaticHeader(header);
                        break;
                    }
                    if (secretNode == null || !secretNode.isTextual() || secretNode.asText().isEmpty()) {
                        throw refused("'auth.secret' is required with type 'header': the header's value");
                    }
                    secret = secretNode.asText();
                    if (secret.length() > MAX_SECRET || secret.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)
                            || !StandardCharsets.US_ASCII.newEncoder().canEncode(secret)) {
                        // the message never quotes the value
                        throw refused("'auth.secret' must be at most " + MAX_SECRET + " printable ASCII characters");
                    }
                    auth = new UpstreamAuth.StaticHeader(header);
                }
                default -> throw refused("'auth.type' must be 'none' or 'header'");
            }
        }
        return new ServerDraft(name, description == null ? "" : description, url, prefix, score, auth, secret);
    }

    /**
     * An upstream URL: absolute http or https with a host, no user info (credentials go in
     * {@code auth}, where they stay out of the instance's description), no fragment.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static URI upstreamUrl(String text) {
        if (text.isEmpty() || text.length() > MAX_URL) {
            throw new IllegalArgumentException("'url' must be 1 to " + MAX_URL + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a valid URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'url' must be an http or https URL of a Streamable HTTP MCP endpoint");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("'url' must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'url' must not carry credentials; put them in 'auth' so they stay "
                    + "out of the server's description");
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("'url' must not have a fragment");
        }
        return url;
    }

    /** The default prefix: a slug of the name, e.g. "GitHub Enterprise" → {@code github-enterprise}. */
    static String prefixOf(String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        if (slug.length() > MAX_PREFIX) {
            slug = slug.substring(0, MAX_PREFIX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "server" : slug;
    }

}
