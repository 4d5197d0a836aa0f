package io.aigw.studio.users;

import java.time.Instant;

/**
 * A user as stored; the API key's hash never leaves the repository.
 *
 * @param isActive false: disabled, so neither their API key nor a UI session of theirs is accepted
 */
public record UserRow(long id, String email, String name, boolean isAdmin, boolean isBootstrap, boolean isActive,
                      String apiKeyPrefix, Instant createdAt, Instant updatedAt) {
}
