package io.aigw.gateway.dispatch;

/**
 * Keeps the control plane's web UI session away from plugins. Browsers scope cookies by host, not
 * by port, so a signed-in admin's {@code aigw_session} cookie for the control plane on
 * {@code host:8080} also rides along to the gateway on {@code host:8081}; passed on, any plugin
 * could act as that admin. The gateway never authenticates by cookie, so the cookie is always
 * dropped from what a plugin sees, whatever the route's auth; every other cookie passes untouched.
 */
final class ControlPlaneCookies {

    /** The control plane's session cookie (studio-api's {@code SessionCookie.NAME}). */
    static final String SESSION = "aigw_session";

    private ControlPlaneCookies() {
    }

    /** {@code header} without the session cookie; null when nothing else was in it. */
    static String strip(String header) {
        if (header.indexOf(SESSION) < 0) {
            return header;
        }
        StringBuilder kept = new StringBuilder(header.length());
        for (String pair : header.split(";")) {
            String trimmed = pair.strip();
            int eq = trimmed.indexOf('=');
            String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).strip();
            if (trimmed.isEmpty() || name.equals(SESSION)) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append("; ");
            }
            kept.append(trimmed);
        }
        return kept.isEmpty() ? null : kept.toString();
    }
}
