package io.aigw.studio.users;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A user as the API shows it. {@code apiKey} is set only in the answer that created the key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(long id, String email, String name, boolean isAdmin, boolean isBootstrap, boolean isActive,
                       String apiKeyPrefix, String apiKey, List<Long> groupIds, String createdAt, String updatedAt) {

    static UserView of(UserRow u, List<Long> groupIds) {
        return new UserView(u.id(), u.email(), u.name(), u.isAdmin(), u.isBootstrap(), u.isActive(), u.apiKeyPrefix(),
                null, groupIds, u.createdAt().toString(), u.updatedAt().toString());
    }

    UserView withKey(String key) {
        return new UserView(id, email, name, isAdmin, isBootstrap, isActive, apiKeyPrefix, key, groupIds, createdAt,
                updatedAt);
    }
}
