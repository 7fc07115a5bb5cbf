package io.ringkv.storage.types.counter;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;

/**
 * INCRBY as the owner of a share applies it: against the owner's own current cell, so its share's
 * numbering never goes back, whatever the consistency level. Pure: the caller holds the key's
 * lock, stores the delta and ships it to the other replicas.
 */
public final class CounterIncrement {
    private CounterIncrement() {
    }

    /** The delta cell to store and replicate, and the counter's value after it, as this owner sees it. */
    /**
     * @param startedShare true when the increment began the owner's share (it had none): a reset
     *                     versioned before it cannot end that share, so the owner need not remember it
     */
    public record Result(Cell delta, long value, String text, boolean startedShare) {
        public Result(Cell delta, long value) {
            this(delta, value, null, false);
        }

        public Result(Cell delta, long value, String text) {
            this(delta, value, text, false);
        }
    }

    /**
     * @param current the owner's stored cell for the key, or null
     * @param version the increment's version: the owner's HLC now and its node id, which names its share
     * @throws ValueRefusedException for a string that is not an integer, another type, or an overflow
     */
    public static Result apply(Cell current, long amount, Dot version, long nowMs) {
        CounterState observed = observed(current, nowMs);
        long value;
        try {
            value = Math.addExact(observed.value(), amount);
        } catch (ArithmeticException e) {
            throw new ValueRefusedException(ValueRefusedException.OVERFLOW);
        }
        return new Result(observed.incrementDelta(version.node(), amount, version).toCell(), value, null,
                !observed.hasShare(version.node()));
    }

    /**
     * What the owner adds to its share when a reset reached it late (see {@link OwnIncrements}):
     * the delta to store and replicate, or null when its share already counts what it should.
     *
     * @param current the owner's stored cell for the key, the reset merged into it
     * @throws ValueRefusedException when the key no longer holds a counter or a number
     */
    public static Result carry(Cell current, OwnIncrements own, Dot version, long nowMs) {
        CounterState observed = observed(current, nowMs);
        long correction = own.reconcile(observed);
        if (correction == 0) {
            return null;
        }
        try {
            long value = Math.addExact(observed.value(), correction);
            return new Result(observed.incrementDelta(version.node(), correction, version).toCell(), value);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static CounterState observed(Cell current, long nowMs) {
        if (current == null) {
            return CounterState.EMPTY;
        }
        if (current.isTombstone()) {
            return CounterState.of(current);
        }
        if (current.isExpiredAt(nowMs)) {
            // What the sweeper will make of it: a tombstone at its version, which ends every share in it.
            return CounterState.of(current.asTombstone());
        }
        if (current.isString() || current.type() == CounterType.TAG) {
            CounterState state = CounterState.of(current);
            if (!state.counting() && state.resetIsNonIntegerString()) {
                throw new ValueRefusedException(ValueRefusedException.NOT_AN_INTEGER);
            }
            return state;
        }
        throw ValueRefusedException.wrongType();
    }
}
