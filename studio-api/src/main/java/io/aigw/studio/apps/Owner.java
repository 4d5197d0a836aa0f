package io.aigw.studio.apps;

/**
 * Who owns an App: a user (then the App's owner_email is that user's, and follows it), or nobody,
 * with an address kept as a label (admin-created Apps for someone who is not a user).
 */
public record Owner(Long userId, String label) {

    public static Owner user(long userId) {
        return new Owner(userId, "");
    }

    public static Owner unowned(String label) {
        return new Owner(null, label == null ? "" : label);
    }
}
