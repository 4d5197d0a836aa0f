package io.aigw.plugin.api;

import java.util.Objects;

/**
 * One asset of a {@link UIProvider}.
 *
 * @param content     the bytes as the browser gets them
 * @param contentType e.g. {@code text/javascript}; empty: derived from the asset's file extension
 */
public record UiAsset(byte[] content, String contentType) {

    public UiAsset {
        Objects.requireNonNull(content, "content");
        contentType = contentType == null ? "" : contentType;
    }
}
