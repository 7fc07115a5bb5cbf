package io.ringkv.coordinator.kv;

/**
 * A request could not meet its consistency level. The message is the whole Redis error line,
 * e.g. {@code UNAVAILABLE QUORUM needs 2, 1 alive} or {@code TIMEOUT QUORUM got 1 of 2}.
 */
public class ConsistencyException extends RuntimeException {
    public ConsistencyException(String errorLine) {
        super(errorLine, null, false, false);
    }
}
