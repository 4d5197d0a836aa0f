package io.aigw.studio.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A governed resource as the API shows it. */
public record ResourceView(long id, String name, String description,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String vendor, int privacyScore,
                           boolean isActive, String createdAt, String updatedAt) {

    static ResourceView of(ResourceRow r) {
        return new ResourceView(r.id(), r.name(), r.description(), r.vendor(), r.privacyScore(), r.isActive(),
                r.createdAt().toString(), r.updatedAt().toString());
    }
}
