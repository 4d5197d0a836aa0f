package io.aigw.studio.resources;

import io.aigw.gateway.PluginReport;
import io.aigw.studio.plugins.PluginRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's plugin status with the resource type declarations skipped at the plugin's last
 * registration added to its {@code error}, so {@code GET /api/v1/plugins/{id}} names the entry
 * and the reason (as it does for a route the gateway could not serve).
 */
public final class TypeProblemsRuntime implements PluginRuntime {

    private final PluginRuntime runtime;
    private final TypeRegistrar types;

    public TypeProblemsRuntime(PluginRuntime runtime, TypeRegistrar types) {
        this.runtime = runtime;
        this.types = types;
    }

    @Override
    public Optional<PluginReport> report(long pluginId) {
        List<String> problems = types.problems(pluginId);
        return runtime.report(pluginId).map(r -> {
            if (problems.isEmpty()) {
                return r;
            }
            List<String> errors = new ArrayList<>();
            if (r.error() != null) {
                errors.add(r.error());
            }
            errors.addAll(problems);
            return new PluginReport(r.pluginId(), r.state(), r.version(), String.join("; ", errors), r.restarts(),
                    r.slug(), r.endpoints(), r.since(), r.pid(), r.processStartedAt());
        });
    }

    @Override
    public void reload(long pluginId) {
        runtime.reload(pluginId);
    }
}
