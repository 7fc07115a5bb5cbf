package io.ringkv.storage.types.hash;

import io.ringkv.storage.types.DecimalText;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueRefusedException;
import java.util.List;

/**
 * What hash commands make of the key a coordinator observed at the request's level: the delta to
 * write and the reply to give. Pure: the commands' I/O lives in the coordinator.
 */
public final class HashEdits {
    /** A delta to write (null when there is nothing to write) and the count the command answers. */
    public record Result(Cell delta, long count) {
    }

    private HashEdits() {
    }

    /**
     * The hash a reader sees in {@code cell} at {@code nowMs}, or null when the key holds nothing.
     *
     * @throws ValueRefusedException WRONGTYPE when the key holds something else
     */
    public static HashState visible(Cell cell, long nowMs) {
        return visible(cell, nowMs, HashType.TAG);
    }

    /** As {@link #visible(Cell, long)} for the value type tagged {@code tag} (a hash or a set). */
    public static HashState visible(Cell cell, long nowMs, byte tag) {
        if (cell == null || !cell.isLiveAt(nowMs)) {
            return null;
        }
        if (cell.type() != tag || !HashState.of(cell).isHash()) {
            throw ValueRefusedException.wrongType();
        }
        return HashState.of(cell);
    }

    /**
     * HLEN, SCARD: the count of fields of the value tagged {@code tag} in what a read for a
     * {@link Summary} answered (a summary, or the whole value when the replicas differed), 0 when
     * the key holds none.
     *
     * @throws ValueRefusedException with WRONGTYPE for a value of another type
     */
    public static long count(Cell cell, long nowMs, byte tag) {
        if (cell == null || !cell.isLiveAt(nowMs) || cell.type() != Summary.TAG) {
            HashState seen = visible(cell, nowMs, tag);
            return seen == null ? 0 : seen.size();
        }
        Summary summary = Summary.of(cell);
        if (summary.seenAs() != tag) {
            throw ValueRefusedException.wrongType();
        }
        return summary.count();
    }

    /** HSET: sets {@code namesAndValues} (pairs) at {@code dot}; counts the fields that were not there. */
    public static Result set(Cell observed, List<byte[]> namesAndValues, Dot dot, long nowMs) {
        return set(observed, namesAndValues, dot, nowMs, HashType.TAG);
    }

    /** As {@link #set(Cell, List, Dot, long)} for the value type tagged {@code tag} (SADD: empty values). */
    public static Result set(Cell observed, List<byte[]> namesAndValues, Dot dot, long nowMs, byte tag) {
        HashState seen = visible(observed, nowMs, tag);
        long added = 0;
        java.util.Set<java.nio.ByteBuffer> counted = new java.util.HashSet<>();
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            byte[] name = namesAndValues.get(i);
            if ((seen == null || seen.get(name) == null) && counted.add(java.nio.ByteBuffer.wrap(name))) {
                added++;
            }
        }
        return new Result(HashState.setting(namesAndValues, dot).merge(expiredBefore(observed, nowMs)).toCell(tag), added);
    }

    /** HDEL: removes the fields as observed, at {@code dot}; counts those that were there. */
    public static Result delete(Cell observed, List<byte[]> names, Dot dot, long nowMs) {
        return delete(observed, names, dot, nowMs, HashType.TAG);
    }

    /** As {@link #delete(Cell, List, Dot, long)} for the value type tagged {@code tag} (SREM). */
    public static Result delete(Cell observed, List<byte[]> names, Dot dot, long nowMs, byte tag) {
        HashState seen = visible(observed, nowMs, tag);
        if (seen == null) {
            return new Result(null, 0);
        }
        HashState delta = seen.removing(names, dot);
        return delta.size() == 0 && !delta.isHash() ? new Result(null, 0) : new Result(delta.toCell(tag), delta.fieldCount());
    }

    /**
     * HINCRBY as the owner of its share applies it, against its own current cell (as
     * {@link io.ringkv.storage.types.counter.CounterIncrement} does for a key's counter), so
     * increments through different nodes add up.
     *
     * @param version the owner's HLC now and its node id, which names its share
     * @throws ValueRefusedException WRONGTYPE, a field that is not an integer, or an overflow
     */
    public static io.ringkv.storage.types.counter.CounterIncrement.Result increment(Cell current, byte[] field, long amount,
                                                                                   Dot version, long nowMs) {
        HashState seen = visible(current, nowMs);
        HashState.IncrementedField result = (seen == null ? HashState.EMPTY : seen)
                .incrementing(field, version.node(), java.math.BigDecimal.valueOf(amount), true, version);
        Cell delta = result.delta().merge(expiredBefore(current, nowMs)).toCell();
        return new io.ringkv.storage.types.counter.CounterIncrement.Result(delta, result.value().longValueExact());
    }

    /**
     * HINCRBYFLOAT, as {@link #increment} but by a decimal: the field is a counter either way, so
     * concurrent HINCRBYFLOATs through different nodes add up. The result's text is the reply.
     *
     * @throws ValueRefusedException WRONGTYPE, or a field that is not a number
     */
    public static io.ringkv.storage.types.counter.CounterIncrement.Result incrementByDecimal(Cell current, byte[] field,
            java.math.BigDecimal amount, Dot version, long nowMs) {
        HashState seen = visible(current, nowMs);
        HashState.IncrementedField result = (seen == null ? HashState.EMPTY : seen)
                .incrementing(field, version.node(), amount, false, version);
        Cell delta = result.delta().merge(expiredBefore(current, nowMs)).toCell();
        return new io.ringkv.storage.types.counter.CounterIncrement.Result(delta, 0, DecimalText.format(result.value()));
    }

    /**
     * A value of the type tagged {@code tag} holding exactly {@code namesAndValues}, replacing
     * whatever the key held (SINTERSTORE and the other *STORE forms): the key's reset at
     * {@code replaced}, the fields at the later {@code written}.
     */
    public static Cell replacing(List<byte[]> namesAndValues, Dot replaced, Dot written, byte tag) {
        if (written.compareTo(replaced) <= 0) {
            throw new IllegalArgumentException("the fields must come after the reset");
        }
        HashState reset = HashState.of(Cell.tombstone(replaced.hlc(), replaced.node()));
        return reset.merge(HashState.setting(namesAndValues, written)).toCell(tag);
    }

    /**
     * What a write over an expired key carries along: the tombstone the sweeper will make of it,
     * which ends the old fields and expiry, so the new hash starts empty and without a TTL as in
     * Redis, even on a replica that has not swept it yet. Empty otherwise.
     */
    private static HashState expiredBefore(Cell observed, long nowMs) {
        if (observed == null || observed.isTombstone() || !observed.isExpiredAt(nowMs)) {
            return HashState.EMPTY;
        }
        return HashState.of(observed.asTombstone());
    }
}
