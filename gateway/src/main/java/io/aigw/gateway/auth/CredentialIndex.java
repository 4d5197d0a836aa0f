package io.aigw.gateway.auth;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.TokenHash;
import io.aigw.plugin.api.App;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tokens the gateway accepts: a view of one {@link ConfigState}, whose active credentials are
 * keyed by token hash. A lookup is one hash of the presented token and two map reads (credential
 * by hash, then its App), whatever the number of credentials. A new state makes a new index, so a
 * revoked credential or deactivated App stops working at once.
 */
public final class CredentialIndex {

    public static final CredentialIndex EMPTY = new CredentialIndex(ConfigState.NONE, Clock.systemUTC(), null);

    private final ConfigState state;
    private final Clock clock;
    // Only for hand-built App lists (see of(List, Clock)): the Apps as given, by their key
    private final List<AppConfig> given;

    private CredentialIndex(ConfigState state, Clock clock, List<AppConfig> given) {
        this.state = state;
        this.clock = clock;
        this.given = given;
    }

    /** The tokens {@code state} accepts (constant time: nothing is copied). */
    public static CredentialIndex of(ConfigState state, Clock clock) {
        return new CredentialIndex(state, clock, null);
    }

    /**
     * The tokens of {@code apps}: only active credentials of active Apps authenticate. Each App
     * and credential stands alone even where ids repeat (as hand-built test configurations may):
     * each is keyed by its position, and a principal carries the App as given.
     */
    public static CredentialIndex of(List<AppConfig> apps, Clock clock) {
        List<AppConfig> keyed = new ArrayList<>(apps.size());
        long credentialKey = 0;
        for (int i = 0; i < apps.size(); i++) {
            AppConfig a = apps.get(i);
            App app = a.app();
            List<CredentialConfig> credentials = new ArrayList<>();
            for (CredentialConfig c : a.credentials()) {
                credentials.add(new CredentialConfig(credentialKey++, c.tokenHash(), c.scopes(), c.isActive(),
                        c.expiresAt()));
            }
            keyed.add(new AppConfig(new App(i, app.name(), app.description(), app.ownerEmail(), app.isActive(),
                    app.monthlyBudget(), app.rateLimit(), app.metadata(), app.pluginResources()), credentials,
                    a.llmIds(), a.datasourceIds(), a.toolIds()));
        }
        return new CredentialIndex(ConfigState.of(new ConfigSnapshot(0, List.of(), keyed)), clock, List.copyOf(apps));
    }

    private App appOf(ConfigState.Credential credential) {
        AppConfig a = state.app(credential.appId());
        if (a == null) {
            return null;
        }
        return given == null ? a.app() : given.get((int) credential.appId()).app();
    }

    public Optional<Principal> authenticate(String token) {
        if (!Tokens.isPlausible(token)) {
            return Optional.empty();
        }
        // The map is keyed by a hash the caller cannot steer, and TokenHash compares all its bits.
        ConfigState.Credential credential = state.activeCredential(TokenHash.of(Tokens.digest(token)));
        if (credential == null) {
            return Optional.empty();
        }
        App app = appOf(credential);
        if (app == null || !app.isActive()) {
            return Optional.empty();
        }
        if (credential.expiresAt() != null && !clock.instant().isBefore(credential.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new Principal(app, credential.scopes()));
    }

    /** How many credentials are active (those of inactive Apps included; they are refused at lookup). */
    public int size() {
        return state.activeCredentialCount();
    }
}
