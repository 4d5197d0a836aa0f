package io.aigw.gateway.routing;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A plugin's slug: its URL namespace on the gateway, {@code /plugins/{slug}/...}, set in the
 * plugin's config under {@value #CONFIG_KEY}. The one definition the gateway's route table and
 * the control plane's validation both use, so a slug the API accepts is one the gateway serves.
 */
public final class PluginSlug {

    public static final String CONFIG_KEY = "slug";
    /** One URL path segment that needs no encoding; never empty, never {@code .} or {@code ..}. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** {@link #PATTERN} in words, for error messages. */
    public static final String RULE = "lower-case letters, digits, '.', '_' or '-'";

    private PluginSlug() {
    }

    /** The slug in {@code config}, or null when it sets none. */
    public static String of(Map<String, String> config) {
        return config.get(CONFIG_KEY);
    }

    public static boolean isValid(String slug) {
        return slug != null && PATTERN.matcher(slug).matches();
    }
}
