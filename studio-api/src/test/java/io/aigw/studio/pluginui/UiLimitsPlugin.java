package io.aigw.studio.pluginui;

import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiLimits;
import io.aigw.plugin.api.UiRpcRefusedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plugin UI at the edges of what the control plane passes on: assets at and over the size
 * limit, of refused and of derived content types, and RPC methods that answer who called with
 * what ({@code echo}), fail ({@code boom}), answer no JSON ({@code notjson}), nothing
 * ({@code empty}), too much ({@code huge}), or too late ({@code slow}). Its manifest is no object.
 * Built into a jar by the tests (one top-level class), or served in the test JVM over gRPC.
 */
public final class UiLimitsPlugin implements UIProvider {

    @Override
    public UiAsset getAsset(String path) {
        return switch (path) {
            case "at-limit.js" -> new UiAsset(filled(UiLimits.MAX_ASSET_BYTES), "text/javascript");
            case "big.js" -> new UiAsset(filled(UiLimits.MAX_ASSET_BYTES + 1), "text/javascript");
            case "program.exe" -> new UiAsset(text("MZ"), "application/x-msdownload");
            case "noext" -> new UiAsset(text("?"), "");
            case "style.css" -> new UiAsset(text("body{}"), "");
            case "page.js" -> new UiAsset(text("export {};"), "Application/JavaScript; charset=UTF-8");
            case "icon.svg" -> new UiAsset(text("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "image/svg+xml");
            default -> null;
        };
    }

    @Override
    public byte[] getManifest() {
        return text("[\"not\", \"an object\"]");
    }

    @Override
    public byte[] handleRpc(RequestContext context, UiCaller caller, String method, byte[] payload)
            throws Exception {
        return switch (method) {
            case "echo" -> text("{\"caller\": {\"user_id\": " + caller.userId() + ", \"email\": \"" + caller.email()
                    + "\", \"is_admin\": " + caller.isAdmin() + "}, \"payload\": "
                    + new String(payload, StandardCharsets.UTF_8) + ", \"request_id\": \"" + context.requestId()
                    + "\"}");
            case "boom" -> throw new IllegalStateException("secret detail that must stay in the log");
            case "notjson" -> text("<html>not json</html>");
            case "empty" -> new byte[0];
            case "huge" -> {
                byte[] huge = filled(UiLimits.MAX_RPC_RESULT_BYTES + 10);
                huge[0] = '"';
                huge[huge.length - 1] = '"';
                yield huge;
            }
            case "slow" -> {
                Thread.sleep(30_000);
                yield text("{}");
            }
            case "invalid" -> throw new UiRpcRefusedException(UiRpcRefusedException.Reason.INVALID,
                    "'name' is required");
            default -> throw new UiRpcRefusedException(UiRpcRefusedException.Reason.NOT_FOUND,
                    "no method '" + method + "'");
        };
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ' ');
        return bytes;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
