package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** What a new credential may carry: scopes and an optional expiry (ISO-8601 with offset). */
public record CredentialRequest(List<String> scopes, Instant expiresAt) {

    private static final Set<String> KNOWN = Set.of("scopes", "expires_at");
    // ISO-8601 allows years with more than four digits, which the database cannot store.
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public static CredentialRequest parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        List<String> scopes = Fields.stringList(body, "scopes", 50, 200);
        String expires = Fields.string(body, "expires_at", 64);
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = OffsetDateTime.parse(expires).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'expires_at' must be an ISO-8601 date-time with offset, "
                        + "e.g. 2030-01-31T12:00:00Z");
            }
            if (!expiresAt.isAfter(Instant.now())) {
                throw ApiException.badRequest("'expires_at' must be in the future");
            }
            if (!expiresAt.isBefore(LATEST)) {
                throw ApiException.badRequest("'expires_at' must be before the year 10000");
            }
        }
        return new CredentialRequest(scopes == null ? List.of() : scopes, expiresAt);
    }
}
