package io.aigw.plugin.api;

/**
 * A plugin that brings its own UI into the control plane (seed 003's UIProvider): static assets
 * (JavaScript modules such as a resource type's {@code form_component}, styles, images), a UI
 * manifest naming its pages, and RPC calls its pages make ({@code pluginAPI.call(method, payload)}).
 * Called by the control plane, blocking, each call on its own virtual thread and bounded in time.
 *
 * <p>The control plane serves the assets at {@code /api/v1/plugins/{id}/ui/assets/{path}} to
 * signed-in users only; it has already refused paths that could leave the plugin ({@code ..},
 * absolute, encoded or backslashed ones) before {@link #getAsset} is asked.
 */
public interface UIProvider extends Plugin {

    /**
     * The asset at {@code path} (relative to the plugin's root, e.g. {@code ui/webc/selector.js}),
     * or null when there is none (the browser gets 404). The content type must be one the control
     * plane allows (JavaScript, CSS, HTML, JSON, SVG, PNG, JPEG, GIF, WebP, icons, WOFF/WOFF2, plain
     * text); an empty one is derived from the path's extension.
     */
    UiAsset getAsset(String path) throws Exception;

    /**
     * The plugin's UI manifest, a JSON object, e.g. the admin pages it offers:
     * <pre>{"admin_pages": [{"id": "servers", "title": "MCP servers", "tag": "mcp-admin-page",
     *                     "entry_point": "ui/admin.js"}]}</pre>
     * (see docs/plugin-protocol.md, "Plugin UI").
     */
    byte[] getManifest() throws Exception;

    /**
     * One call from the plugin's UI: {@code method} as the page named it, {@code payload} the JSON
     * the page sent ({@code null} when it sent nothing). Returns JSON for the page. Deciding who may
     * call what is the plugin's part: {@code caller} says who is signed in and whether they are an
     * admin.
     *
     * @throws UiRpcRefusedException to answer the page 400, 403 or 404 with a message for the user;
     *                               any other exception is a failure of the plugin (502)
     */
    byte[] handleRpc(RequestContext context, UiCaller caller, String method, byte[] payload) throws Exception;
}
