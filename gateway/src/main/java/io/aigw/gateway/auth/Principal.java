package io.aigw.gateway.auth;

import io.aigw.plugin.api.App;

import java.util.List;

/** Who a valid token speaks for. */
public record Principal(App app, List<String> scopes) {
}
