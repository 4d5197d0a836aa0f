package io.aigw.studio.catalog;

import java.time.Instant;

/** A governed resource as stored; {@code vendor} is null for kinds without one. */
public record ResourceRow(long id, String name, String description, String vendor, int privacyScore,
                          boolean isActive, Instant createdAt, Instant updatedAt) {
}
