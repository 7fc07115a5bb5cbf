package io.ringkv.storage.types;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.storage.types.hash.HashEdits;

/** An increment as its owner applies it: of the key's counter (INCRBY), or of a hash field's (HINCRBY). */
public final class Increments {
    private Increments() {
    }

    /**
     * @param field the hash field to increment, or null for the key's own counter
     * @throws ValueRefusedException when the value cannot be incremented
     */
    public static CounterIncrement.Result apply(Cell current, byte[] field, long amount, Dot version, long nowMs) {
        return apply(current, field, amount, null, version, nowMs);
    }

    /**
     * @param decimal HINCRBYFLOAT's amount (with a field only), or null for an integer {@code amount};
     *                the result's text is then the reply
     */
    public static CounterIncrement.Result apply(Cell current, byte[] field, long amount, java.math.BigDecimal decimal,
                                                Dot version, long nowMs) {
        if (decimal != null) {
            return HashEdits.incrementByDecimal(current, field, decimal, version, nowMs);
        }
        return field == null ? CounterIncrement.apply(current, amount, version, nowMs)
                : HashEdits.increment(current, field, amount, version, nowMs);
    }
}
