package io.ringkv.coordinator.resp;

/**
 * Bounds the decoder checks before it allocates anything a client claims.
 *
 * @param maxBulkBytes      longest bulk string (a key or a value)
 * @param maxArrayLength    most arguments in one command
 * @param maxInlineBytes    longest inline (telnet-style) command line
 */
public record RespLimits(int maxBulkBytes, int maxArrayLength, int maxInlineBytes) {
    public RespLimits {
        if (maxBulkBytes < 1 || maxArrayLength < 1 || maxInlineBytes < 16) {
            throw new IllegalArgumentException("limits must be positive (inline at least 16 bytes)");
        }
    }

    public static RespLimits defaults() {
        return new RespLimits(16 * 1024 * 1024, 1024 * 1024, 64 * 1024);
    }
}
