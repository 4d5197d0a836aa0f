package io.aigw.examples.kb;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Instance ids: the plugin assigns them, readable and unguessable enough to never collide by
 * accident, e.g. {@code employee-handbook-k3x9q2} for "Employee Handbook".
 */
final class InstanceIds {

    /** What an id of this plugin looks like; anything else names no instance (and never reaches the store). */
    static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_LENGTH = 64;
    private static final int MAX_STEM = 40;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceIds() {
    }

    static String newId(String name) {
        String stem = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (stem.length() > MAX_STEM) {
            stem = stem.substring(0, MAX_STEM).replaceAll("-+$", "");
        }
        StringBuilder id = new StringBuilder(stem.isEmpty() ? "kb" : stem).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    static boolean isWellFormed(String id) {
        return id != null && id.length() <= MAX_LENGTH && WELL_FORMED.matcher(id).matches();
    }
}
