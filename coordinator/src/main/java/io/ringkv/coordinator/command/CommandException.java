package io.ringkv.coordinator.command;

/**
 * A command failed in a way the client should see as a Redis error. The message is the whole
 * error line including its code word, e.g. {@code ERR syntax error} or {@code WRONGTYPE ...}.
 */
public final class CommandException extends RuntimeException {
    public CommandException(String errorLine) {
        super(errorLine, null, false, false);
    }

    public static CommandException syntax() {
        return new CommandException("ERR syntax error");
    }

    public static CommandException notAnInteger() {
        return new CommandException("ERR value is not an integer or out of range");
    }
}
