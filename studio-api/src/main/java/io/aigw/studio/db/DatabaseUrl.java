package io.aigw.studio.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A DATABASE_URL split into a JDBC URL without credentials plus user and password, so the password
 * never travels inside a string that might get logged.
 *
 * <p>Accepts {@code postgres://user:pass@host:port/db?params}, {@code postgresql://...} and
 * {@code jdbc:postgresql://...} (where credentials may also sit in {@code user}/{@code password}
 * query parameters, which the driver reads itself).
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url) {
        String text = url.trim();
        String rest;
        if (text.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (text.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (text.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            // the message would quote the URL, password included
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** host:port/db for log lines; never credentials or query parameters. */
    public String describe() {
        String s = jdbcUrl.substring("jdbc:postgresql://".length());
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + ", user=" + user + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
