package io.aigw.examples.mcp;

import java.util.Optional;

/**
 * The aggregated endpoint's naming: every tool and prompt name becomes {@code <prefix>__<name>},
 * every resource URI (and URI template) {@code <prefix>+<uri>}, with the server's prefix, always,
 * even for an App holding one server, so a name never changes meaning when a server is added. A
 * prefix holds no {@code _} and no {@code +} ({@link ServerDraft#PREFIX}), so the first separator
 * splits a name back unambiguously, and {@code <prefix>+<scheme>:} is still a URI scheme. Names
 * longer than {@link #MAX_NAME} are refused rather than shortened: a shortened name would be a
 * rename nobody asked for.
 */
final class Names {

    static final String SEPARATOR = "__";
    static final String URI_SEPARATOR = "+";
    /** What many MCP clients (and the LLM APIs behind them) accept as a tool name. */
    static final int MAX_NAME = 64;

    /** A name split back into the server's prefix and the upstream's own name. */
    record Split(String prefix, String name) {
    }

    private Names() {
    }

    static String name(String prefix, String name) {
        return prefix + SEPARATOR + name;
    }

    static String uri(String prefix, String uri) {
        return prefix + URI_SEPARATOR + uri;
    }

    static Optional<Split> splitName(String prefixed) {
        return split(prefixed, SEPARATOR);
    }

    static Optional<Split> splitUri(String prefixed) {
        return split(prefixed, URI_SEPARATOR);
    }

    private static Optional<Split> split(String prefixed, String separator) {
        if (prefixed == null) {
            return Optional.empty();
        }
        int at = prefixed.indexOf(separator);
        if (at <= 0 || at + separator.length() >= prefixed.length()) {
            return Optional.empty();
        }
        String prefix = prefixed.substring(0, at);
        if (!ServerDraft.PREFIX.matcher(prefix).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Split(prefix, prefixed.substring(at + separator.length())));
    }
}
