package io.aigw.loader.command;

/** A plugin command that does not follow {@link PluginCommand#GRAMMAR}. */
public final class InvalidPluginCommandException extends IllegalArgumentException {

    private final String reason;

    InvalidPluginCommandException(String command, String reason) {
        super("invalid command '" + command + "': " + reason);
        this.reason = reason;
    }

    /** What is wrong, without the command, e.g. {@code expected grpc://host:port}. */
    public String reason() {
        return reason;
    }
}
