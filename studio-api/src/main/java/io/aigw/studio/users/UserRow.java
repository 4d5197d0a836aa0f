package io.aigw.studio.users;

import java.time.Instant;

/** A user as stored; the API key's hash never leaves the repository. */
public record UserRow(long id, String email, String name, boolean isAdmin, boolean isBootstrap, String apiKeyPrefix,
                      Instant createdAt, Instant updatedAt) {
}
