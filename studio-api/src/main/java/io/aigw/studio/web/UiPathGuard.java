package io.aigw.studio.web;

import io.aigw.studio.http.Responses;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses, with a JSON 400, a request for UI files ({@code /ui/...}, or a plugin's
 * {@code /api/v1/plugins/{id}/ui/...}) whose raw path has a {@code .} or {@code ..} segment or an
 * encoded separator, plain or percent-encoded. It runs before routing because the server resolves
 * dot segments first: {@code /api/v1/plugins/1/ui/assets/../../../users} would otherwise reach
 * another route instead of being refused as the traversal it is.
 */
public final class UiPathGuard implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String raw = req.path().rawPath();
        if (isUiPath(raw) && hasTraversal(raw)) {
            Responses.error(req, res, 400, "invalid UI path: '.' and '..' segments and encoded separators are "
                    + "refused (paths must stay inside their root)");
            return;
        }
        chain.proceed();
    }

    static boolean isUiPath(String raw) {
        if (raw.startsWith(StaticUi.PREFIX)) {
            return true;
        }
        String[] segments = raw.split("/", 7);
        // "", "api", "v1", "plugins", "{id}", "ui", ...
        return raw.startsWith("/api/v1/plugins/") && segments.length > 5 && segments[5].equals("ui");
    }

    static boolean hasTraversal(String raw) {
        for (String segment : raw.split("/", -1)) {
            String decoded = decode(segment);
            if (decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0
                    || decoded.indexOf('\\') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Lenient percent-decoding of ASCII escapes: malformed ones stay as they are (AssetPath refuses them). */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && hi < 8) {
                    out.append((char) (hi * 16 + lo));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
