package io.aigw.loader.calls;

/**
 * How many calls one plugin may have running at once. A call holds its slot until the plugin's
 * code really returns, not until the client was answered, so work the gateway abandoned (a plugin
 * stuck past its deadline) still counts and cannot pile up.
 *
 * @param unary   concurrent unary calls (and lifecycle calls)
 * @param streams concurrent streamed responses
 */
public record CallLimits(int unary, int streams) {

    public static final CallLimits DEFAULT = new CallLimits(256, 10_000);

    public CallLimits {
        if (unary < 1 || streams < 1) {
            throw new IllegalArgumentException("call limits must be at least 1");
        }
    }
}
