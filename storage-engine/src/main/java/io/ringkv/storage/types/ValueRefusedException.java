package io.ringkv.storage.types;

/**
 * A command cannot apply to the value it met; the message is the error Redis answers, word for
 * word, so it can travel from the replica that found it to the client unchanged.
 */
public final class ValueRefusedException extends RuntimeException {
    public static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";

    public ValueRefusedException(String redisError) {
        super(redisError, null, false, false);
    }

    public static ValueRefusedException wrongType() {
        return new ValueRefusedException(WRONG_TYPE);
    }
}
