package io.aigw.plugin.api;

/** The sizes the control plane allows a {@link UIProvider} and a {@link ConfigProvider}. */
public final class UiLimits {

    /** The largest asset served; a larger one is the plugin's failure (502). */
    public static final int MAX_ASSET_BYTES = 5 * 1024 * 1024;
    /** The largest RPC payload a page may send (larger: 413 before the plugin is asked). */
    public static final int MAX_RPC_PAYLOAD_BYTES = 1024 * 1024;
    /** The largest RPC answer passed on to the page (larger: 502). */
    public static final int MAX_RPC_RESULT_BYTES = 5 * 1024 * 1024;
    /** The largest UI manifest or config schema. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private UiLimits() {
    }
}
