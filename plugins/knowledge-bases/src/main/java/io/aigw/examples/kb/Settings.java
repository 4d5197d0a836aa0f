package io.aigw.examples.kb;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The plugin's config.
 *
 * @param maxPerApp     how many instances of one type an App may hold ({@code max_per_app}, default 5)
 * @param defaultRegion the region of a knowledge base created without one ({@code default_region},
 *                      default {@code eu})
 */
record Settings(int maxPerApp, String defaultRegion) {

    static final int DEFAULT_MAX_PER_APP = 5;
    static final String DEFAULT_REGION = "eu";
    /** A region label: lower-case words joined by dashes, e.g. {@code eu} or {@code us-east}. */
    static final Pattern REGION = Pattern.compile("[a-z]{2,12}(-[a-z0-9]{1,12}){0,3}");

    /** @throws IllegalArgumentException naming the bad key, which fails the plugin's start with that reason */
    static Settings of(Map<String, String> config) {
        String max = config.getOrDefault("max_per_app", String.valueOf(DEFAULT_MAX_PER_APP)).strip();
        int maxPerApp;
        try {
            maxPerApp = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            maxPerApp = -1;
        }
        if (maxPerApp < 1 || maxPerApp > 1000) {
            throw new IllegalArgumentException("config 'max_per_app' must be a whole number from 1 to 1000, not '"
                    + max + "'");
        }
        String region = config.getOrDefault("default_region", DEFAULT_REGION).strip();
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("config 'default_region' must look like 'eu' or 'us-east', not '"
                    + region + "'");
        }
        return new Settings(maxPerApp, region);
    }
}
