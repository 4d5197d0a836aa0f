package io.aigw.studio.plugins;

import io.aigw.studio.http.ApiException;

import io.aigw.studio.db.DatabaseException;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Two active plugins never share a slug: the second is refused with a 409 naming the first, never
 * silently shadowed. The unique index {@code plugins_active_slug_key} backs this against races.
 */
final class SlugGuard {

    static final String INDEX = "plugins_active_slug_key";

    private final PluginRepository plugins;

    SlugGuard(PluginRepository plugins) {
        this.plugins = plugins;
    }

    /** The active plugin (other than {@code selfId}) already using {@code p}'s slug. */
    Optional<PluginRow> conflict(Handle h, NewPlugin p, long selfId) {
        if (!p.isActive() || p.slug() == null) {
            return Optional.empty();
        }
        return plugins.findActiveBySlug(h, p.slug(), selfId);
    }

    void check(Handle h, NewPlugin p, long selfId) {
        Optional<PluginRow> other = conflict(h, p, selfId);
        if (other.isPresent()) {
            throw conflictError(p.slug(), other.get());
        }
    }

    static ApiException conflictError(String slug, PluginRow other) {
        return ApiException.conflict("slug '" + slug + "' is already used by active plugin " + other.id()
                + " ('" + other.name() + "')");
    }

    /** True when {@code e} is the unique index refusing a concurrent duplicate. */
    static boolean isSlugViolation(DatabaseException e) {
        return e.isDuplicate() && e.sqlCause().getMessage() != null && e.sqlCause().getMessage().contains(INDEX);
    }
}
