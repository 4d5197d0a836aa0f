package io.aigw.plugin.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint a plugin serves.
 *
 * @param path           relative to the plugin's slug; {@code /*} catches everything, a path
 *                       ending in {@code /*} catches everything below it
 * @param methods        HTTP methods handled, upper case; one of {@link #VALID_METHODS}
 * @param description    for humans
 * @param requireAuth    the gateway demands a valid App token and hands the App to the plugin
 * @param streamResponse the gateway calls the streaming handler instead of the unary one
 * @param metadata       plugin-defined
 */
public record EndpointRegistration(String path, List<String> methods, String description,
                                   boolean requireAuth, boolean streamResponse,
                                   Map<String, String> metadata) {

    public static final Set<String> VALID_METHODS =
            Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    public EndpointRegistration {
        Objects.requireNonNull(path, "path");
        methods = methods == null ? List.of()
                : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    public static final class Builder {
        private final String path;
        private final List<String> methods = new ArrayList<>();
        private String description = "";
        private boolean requireAuth;
        private boolean streamResponse;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String path) {
            this.path = path;
        }

        public Builder methods(String... methods) {
            this.methods.addAll(List.of(methods));
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder requireAuth(boolean requireAuth) {
            this.requireAuth = requireAuth;
            return this;
        }

        public Builder streamResponse(boolean streamResponse) {
            this.streamResponse = streamResponse;
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public EndpointRegistration build() {
            return new EndpointRegistration(path, methods, description, requireAuth, streamResponse, metadata);
        }
    }
}
