package io.ringkv.coordinator.resp;

/**
 * The client sent bytes that are not a valid request. The message is the whole Redis error line,
 * e.g. {@code ERR Protocol error: invalid bulk length}; the connection is closed after it.
 */
public final class RespProtocolException extends RuntimeException {
    public RespProtocolException(String detail) {
        super("ERR Protocol error: " + detail, null, false, false);
    }
}
