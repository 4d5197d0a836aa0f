package io.aigw.studio.plugins;

import io.aigw.studio.http.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Checks a plugin's {@code command}: how the gateway reaches the plugin. */
public final class PluginCommand {

    public static final String PF4J = "pf4j:";
    private static final Pattern PF4J_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String HELP =
            "'command' must be pf4j:<plugin-id>, file:///absolute/path or grpc://host:port";

    private PluginCommand() {
    }

    public static String validate(String command) {
        if (command.startsWith(PF4J)) {
            if (!PF4J_ID.matcher(command.substring(PF4J.length())).matches()) {
                throw ApiException.badRequest(HELP + " (plugin id must match " + PF4J_ID.pattern() + ")");
            }
            return command;
        }
        URI uri;
        try {
            uri = new URI(command);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(HELP);
        }
        if ("file".equals(uri.getScheme()) && command.startsWith("file:///") && uri.getPath() != null
                && uri.getPath().length() > 1 && uri.getQuery() == null && uri.getFragment() == null) {
            return command;
        }
        if ("grpc".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0 && uri.getPort() <= 65535
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getQuery() == null
                && uri.getUserInfo() == null) {
            return command;
        }
        throw ApiException.badRequest(HELP);
    }

    public static String forManifestId(String id) {
        return PF4J + id;
    }
}
