package io.ringkv.storage.types.counter;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueType;

/** The value type of counters made by INCR and its family: a {@link CounterState}. */
public final class CounterType implements ValueType {
    public static final byte TAG = 1;
    public static final CounterType INSTANCE = new CounterType();

    private CounterType() {
    }

    @Override
    public byte tag() {
        return TAG;
    }

    /** A counter reads as its decimal value, so to Redis clients it is a string. */
    @Override
    public String name() {
        return "string";
    }

    @Override
    public Cell merge(Cell a, Cell b) {
        return CounterState.of(a).merge(CounterState.of(b)).toCell();
    }

    @Override
    public boolean hasContent(Cell cell) {
        return CounterState.hasContent(cell.value());
    }

    @Override
    public Cell withExpiry(Cell cell, Dot version, long expiresAtMs) {
        return CounterState.of(cell).withExpiry(version, expiresAtMs).toCell();
    }

    /** A counter reads as its decimal value (or as the string it was SET to, before any increment). */
    @Override
    public byte[] stringValue(Cell cell) {
        return CounterState.of(cell).stringValue();
    }
}
