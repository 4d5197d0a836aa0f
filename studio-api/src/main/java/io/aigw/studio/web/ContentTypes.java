package io.aigw.studio.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content types the control plane serves UI files with (its own and plugins'): scripts,
 * styles, pages, JSON, images and fonts, nothing that a browser would run as a plugin or download
 * as a program. Each is sent as one canonical value ({@code application/javascript} becomes
 * {@code text/javascript}); text is UTF-8 unless the plugin named another charset.
 */
public final class ContentTypes {

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("text/javascript", "text/javascript"),
            Map.entry("application/javascript", "text/javascript"),
            Map.entry("application/x-javascript", "text/javascript"),
            Map.entry("application/ecmascript", "text/javascript"),
            Map.entry("text/ecmascript", "text/javascript"),
            Map.entry("text/css", "text/css"),
            Map.entry("text/html", "text/html"),
            Map.entry("text/plain", "text/plain"),
            Map.entry("application/json", "application/json"),
            Map.entry("application/manifest+json", "application/manifest+json"),
            Map.entry("image/svg+xml", "image/svg+xml"),
            Map.entry("image/png", "image/png"),
            Map.entry("image/jpeg", "image/jpeg"),
            Map.entry("image/gif", "image/gif"),
            Map.entry("image/webp", "image/webp"),
            Map.entry("image/avif", "image/avif"),
            Map.entry("image/x-icon", "image/x-icon"),
            Map.entry("image/vnd.microsoft.icon", "image/x-icon"),
            Map.entry("font/woff2", "font/woff2"),
            Map.entry("font/woff", "font/woff"),
            Map.entry("application/font-woff", "font/woff"));

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("txt", "text/plain"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"));

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._-]{1,40})\"?");

    private ContentTypes() {
    }

    /**
     * The header value to serve {@code declared} with, or empty when that type is not allowed.
     * An empty {@code declared} is derived from {@code path}'s extension.
     */
    public static Optional<String> forAsset(String declared, String path) {
        String value = declared == null ? "" : declared.trim();
        if (value.isEmpty()) {
            return byExtension(path);
        }
        String[] parts = value.split(";", 2);
        String canonical = CANONICAL.get(parts[0].trim().toLowerCase(Locale.ROOT));
        if (canonical == null) {
            return Optional.empty();
        }
        String charset = "utf-8";
        if (parts.length > 1) {
            var m = CHARSET.matcher(parts[1]);
            if (m.find()) {
                charset = m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return Optional.of(withCharset(canonical, charset));
    }

    /** The header value for a file named {@code path}, by its extension; empty for an unknown one. */
    public static Optional<String> byExtension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)))
                .map(t -> withCharset(t, "utf-8"));
    }

    private static String withCharset(String type, String charset) {
        return type.startsWith("text/") ? type + "; charset=" + charset : type;
    }
}
