package io.aigw.studio.web;

import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;

/**
 * The web UI, built into the jar's {@code web/} folder: {@code GET /} is its {@code index.html},
 * {@code GET /ui/<path>} the file {@code web/<path>}. Files under {@code web/assets/} have content
 * hashes in their names, so browsers may keep them for a year; everything else (the page above
 * all) is revalidated on every load, so a new build is picked up at once. Every answer carries the
 * UI's security headers ({@link UiHeaders}). A build without the UI (a unit-test class path)
 * answers {@code /} with a JSON 404.
 */
public final class StaticUi {

    public static final String ROOT = "web/";
    public static final String PREFIX = "/ui/";
    private static final String IMMUTABLE_DIR = "assets/";

    private final ClassLoader loader;

    public StaticUi() {
        this(StaticUi.class.getClassLoader());
    }

    StaticUi(ClassLoader loader) {
        this.loader = loader;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> serve(req, res, "index.html"));
        routing.get(PREFIX + "*", this::file);
    }

    private void file(ServerRequest req, ServerResponse res) {
        String raw = req.path().rawPath();
        if (!raw.startsWith(PREFIX)) {
            // e.g. an encoded character in "/ui/" itself: the same bytes could not name the same file
            throw ApiException.badRequest("invalid UI path");
        }
        serve(req, res, AssetPath.parse(raw.substring(PREFIX.length())));
    }

    private void serve(ServerRequest req, ServerResponse res, String path) {
        Optional<String> type = ContentTypes.byExtension(path);
        URL resource = type.isEmpty() ? null : loader.getResource(ROOT + path);
        if (resource == null) {
            UiHeaders.apply(res);
            Responses.error(req, res, 404, path.equals("index.html")
                    ? "the web UI is not part of this build (no " + ROOT + "index.html on the class path)"
                    : "no UI file '" + path + "'");
            return;
        }
        byte[] body;
        try (InputStream in = resource.openStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UI file " + path, e);
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, type.get());
        res.header(HeaderNames.CACHE_CONTROL, path.startsWith(IMMUTABLE_DIR)
                ? "public, max-age=31536000, immutable" : "no-cache");
        UiHeaders.apply(res);
        res.send(body);
    }
}
