package io.aigw.plugin.api;

import java.util.Objects;

/**
 * Who made a {@link UIProvider#handleRpc} call: the user signed in to the control plane.
 *
 * @param isAdmin whether the user is an admin; methods meant for admins should refuse others
 *                ({@link UiRpcRefusedException.Reason#FORBIDDEN})
 */
public record UiCaller(long userId, String email, boolean isAdmin) {

    public UiCaller {
        Objects.requireNonNull(email, "email");
    }
}
