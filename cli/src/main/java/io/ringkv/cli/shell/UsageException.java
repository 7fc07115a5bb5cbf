package io.ringkv.cli.shell;

/** A command typed wrongly: the message says what was expected, and the shell goes on. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
