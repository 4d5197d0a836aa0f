package io.aigw.loader.conformance;

/** How a plugin fared on one check. */
enum Verdict {
    /** Does what the contract says. */
    PASS,
    /** Allowed, but likely not what the author meant (or it costs something). */
    WARN,
    /** Not checked, with the reason (not applicable, or the check would have side effects). */
    SKIP,
    /** Breaks the contract: the gateway would fail the plugin, answer 502/503, or leave a process behind. */
    FAIL
}
