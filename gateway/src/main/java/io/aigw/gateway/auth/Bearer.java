package io.aigw.gateway.auth;

/**
 * The {@code Authorization: Bearer <token>} scheme (RFC 6750), read and written the same way by the
 * gateway (App tokens), the control plane (API keys, the edge secret) and the edge client.
 */
public final class Bearer {

    /** The scheme name, also the {@code WWW-Authenticate} challenge of a 401. */
    public static final String SCHEME = "Bearer";
    private static final String PREFIX = SCHEME + " ";

    private Bearer() {
    }

    /**
     * The token of an {@code Authorization} header value; null when there is no header or it uses
     * another scheme (e.g. {@code Basic}). The scheme name is case-insensitive; surrounding
     * whitespace is not part of the token. The scheme without a token ({@code "Bearer"}) gives "", which matches no credential.
     */
    public static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.equalsIgnoreCase(SCHEME)) {
            return "";
        }
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return value.substring(PREFIX.length()).strip();
    }

    /** The {@code Authorization} header value that presents {@code token}. */
    public static String header(String token) {
        return PREFIX + token;
    }
}
