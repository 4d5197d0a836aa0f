package io.aigw.studio.plugins;

import io.aigw.studio.http.ApiException;

import java.sql.Connection;
import java.sql.SQLException;
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
    Optional<PluginRow> conflict(Connection c, NewPlugin p, long selfId) throws SQLException {
        if (!p.isActive() || p.slug() == null) {
            return Optional.empty();
        }
        return plugins.findActiveBySlug(c, p.slug(), selfId);
    }

    void check(Connection c, NewPlugin p, long selfId) throws SQLException {
        Optional<PluginRow> other = conflict(c, p, selfId);
        if (other.isPresent()) {
            throw conflictError(p.slug(), other.get());
        }
    }

    static ApiException conflictError(String slug, PluginRow other) {
        return ApiException.conflict("slug '" + slug + "' is already used by active plugin " + other.id()
                + " ('" + other.name() + "')");
    }

    /** True when {@code e} is the unique index refusing a concurrent duplicate. */
    static boolean isSlugViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(INDEX);
    }
}
