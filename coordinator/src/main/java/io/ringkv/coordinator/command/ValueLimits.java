package io.ringkv.coordinator.command;

/**
 * The configured limits on what one command may carry: key and value sizes, how many commands
 * one MULTI may queue, and how many bytes its EXEC may write. Over a limit is an error that says
 * the numbers.
 */
public record ValueLimits(int maxKeyBytes, int maxValueBytes, int maxQueuedCommands, int maxTransactionBytes) {

    public byte[] checkKey(byte[] key) {
        if (key.length > maxKeyBytes) {
            throw new CommandException("ERR key is " + key.length + " bytes (expected: <= " + maxKeyBytes
                    + ", max_key_bytes)");
        }
        return key;
    }

    public byte[] checkValue(byte[] value) {
        checkValueLength(value.length);
        return value;
    }

    public void checkValueLength(long length) {
        if (length > maxValueBytes) {
            throw new CommandException("ERR value is " + length + " bytes (expected: <= " + maxValueBytes
                    + ", max_value_bytes)");
        }
    }
}
