package io.aigw.plugin.api;

/** What the host offers a plugin for the duration of one request. */
public interface RequestContext {

    /** The gateway's request id, also returned to the client as {@code X-Request-ID}. */
    String requestId();

    /** A logger whose lines carry the plugin's name and this request's id. */
    System.Logger logger();

    /**
     * True once the client has gone away or the request's time limit has passed. Long-running work
     * should check this (or react to thread interruption) and stop early.
     */
    boolean isCancelled();
}
