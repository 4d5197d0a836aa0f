package io.aigw.studio.plugins;

import io.aigw.studio.http.ApiException;

import java.util.Map;
import java.util.regex.Pattern;

/** A plugin's slug is its URL namespace on the gateway: {@code /plugins/{slug}/...}. */
public final class Slugs {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Slugs() {
    }

    /** Refuses a config whose slug could not be a single URL path segment. */
    public static void validate(Map<String, String> config) {
        String slug = config.get("slug");
        if (slug != null && !PATTERN.matcher(slug).matches()) {
            throw ApiException.badRequest("'config.slug' must match " + PATTERN.pattern() + ", got '" + slug + "'");
        }
    }
}
