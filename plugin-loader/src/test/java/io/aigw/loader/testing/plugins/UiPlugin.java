package io.aigw.loader.testing.plugins;

import io.aigw.plugin.api.ConfigProvider;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiRpcRefusedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plugin with a UI and a config schema and nothing else, loaded from a jar or served over gRPC
 * by the tests. Its RPC methods: {@code whoami} answers the caller and payload it got (and where it
 * ran), {@code admin} refuses non-admins, {@code bad} refuses every payload, {@code boom} fails,
 * {@code slow} sleeps a minute; any other is unknown.
 */
public final class UiPlugin implements UIProvider, ConfigProvider {

    /** Larger than the gateway's default gRPC message limit (2 MiB), within the UI's 5 MiB. */
    public static final int BIG_ASSET_BYTES = 3 * 1024 * 1024;
    public static final String MANIFEST = "{\"admin_pages\":[{\"id\":\"main\",\"title\":\"Main\","
            + "\"tag\":\"ui-test-page\",\"entry_point\":\"ui/page.js\"}]}";
    public static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"level\":{\"type\":\"integer\"}}}";

    @Override
    public UiAsset getAsset(String path) {
        return switch (path) {
            case "ui/page.js" -> new UiAsset("export const page = 1;\n".getBytes(StandardCharsets.UTF_8),
                    "text/javascript");
            case "ui/big.png" -> {
                byte[] big = new byte[BIG_ASSET_BYTES];
                Arrays.fill(big, (byte) 7);
                yield new UiAsset(big, "image/png");
            }
            case "ui/untyped.css" -> new UiAsset("a{}".getBytes(StandardCharsets.UTF_8), "");
            default -> null;
        };
    }

    @Override
    public byte[] getManifest() {
        return MANIFEST.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] handleRpc(RequestContext context, UiCaller caller, String method, byte[] payload)
            throws Exception {
        switch (method) {
            case "whoami" -> {
                boolean ownLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                return ("{\"user_id\":" + caller.userId() + ",\"email\":\"" + caller.email() + "\",\"is_admin\":"
                        + caller.isAdmin() + ",\"payload\":" + new String(payload, StandardCharsets.UTF_8)
                        + ",\"request_id\":\"" + context.requestId() + "\",\"own_loader\":" + ownLoader + "}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "admin" -> {
                if (!caller.isAdmin()) {
                    throw new UiRpcRefusedException(UiRpcRefusedException.Reason.FORBIDDEN, "admins only");
                }
                return "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            }
            case "bad" -> throw new UiRpcRefusedException(UiRpcRefusedException.Reason.INVALID, "'name' is required");
            case "boom" -> throw new IllegalStateException("secret detail");
            case "slow" -> {
                Thread.sleep(60_000);
                return new byte[0];
            }
            default -> throw new UiRpcRefusedException(UiRpcRefusedException.Reason.NOT_FOUND,
                    "no method '" + method + "'");
        }
    }

    @Override
    public byte[] getConfigSchema() {
        return SCHEMA.getBytes(StandardCharsets.UTF_8);
    }
}
