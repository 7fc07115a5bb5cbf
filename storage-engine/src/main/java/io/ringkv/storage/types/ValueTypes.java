package io.ringkv.storage.types;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.counter.CounterType;
import io.ringkv.storage.types.hash.HashType;

/**
 * The registry of typed values and the one merge rule every replica applies where two cells of a
 * key meet (a write, read repair, hint replay, Paxos' read, Merkle repair, AOF replay).
 *
 * <ul>
 *   <li>Plain strings and tombstones: last write wins by version, as before typed values.</li>
 *   <li>A typed value and a plain cell, or two of the same type: that type's CRDT join
 *       ({@link ValueType#merge}).</li>
 *   <li>Two different types: last write wins by version (a counter and a hash written to one key
 *       concurrently: one of them is lost, as it would be to a concurrent SET).</li>
 * </ul>
 */
public final class ValueTypes {
    private static final ValueType[] BY_TAG = new ValueType[128];

    static {
        register(CounterType.INSTANCE);
        register(HashType.INSTANCE);
        register(io.ringkv.storage.types.set.SetType.INSTANCE);
        register(io.ringkv.storage.types.list.ListType.INSTANCE);
        register(Summary.Type.INSTANCE);
    }

    private ValueTypes() {
    }

    private static void register(ValueType type) {
        if (type.tag() <= Cell.STRING || BY_TAG[type.tag()] != null) {
            throw new IllegalStateException("tag " + type.tag() + " of " + type.name() + " is taken");
        }
        BY_TAG[type.tag()] = type;
    }

    /** @throws IllegalArgumentException for a tag no type has */
    public static ValueType of(byte tag) {
        ValueType type = tag > 0 ? BY_TAG[tag] : null;
        if (type == null) {
            throw new IllegalArgumentException("unknown value type " + tag);
        }
        return type;
    }

    /** True for a string's tag and every registered type's. */
    public static boolean isKnown(byte tag) {
        return tag == Cell.STRING || tag > 0 && BY_TAG[tag] != null;
    }

    /** True when a reader sees something in a live typed cell (before expiry is considered). */
    public static boolean hasContent(Cell cell) {
        return of(cell.type()).hasContent(cell);
    }

    /** The digest of a typed cell's state, equal for equal states whether held as bytes or decoded. */
    public static long digest(Cell cell) {
        return of(cell.type()).digest(cell);
    }

    /** What TYPE answers for a cell a reader sees (callers check liveness first). */
    public static String name(Cell cell) {
        return cell.isString() ? "string" : of(cell.type()).name(cell);
    }

    /**
     * The bytes string commands see in a live cell: a plain string's value, or what its type shows
     * as a string (a counter's number).
     *
     * @throws ValueRefusedException with WRONGTYPE for a type that is not a string to clients
     */
    public static byte[] stringValue(Cell cell) {
        return cell.isString() ? cell.value() : of(cell.type()).stringValue(cell);
    }

    /** A live cell holding a typed value (not a string, not a tombstone). */
    public static boolean isTyped(Cell cell) {
        return cell != null && !cell.isTombstone() && !cell.isString();
    }

    /** The merge of two cells of one key (either may be null; null when both are). */
    public static Cell merge(Cell a, Cell b) {
        if (a == null || b == null) {
            Cell only = a == null ? b : a;
            return only == null || only.isString() ? only : of(only.type()).stored(only);
        }
        if (a.isString() && b.isString()) {
            return Cell.newer(a, b);
        }
        if (!a.isString() && !b.isString() && a.type() != b.type()) {
            return Cell.newer(a, b);
        }
        return of(a.isString() ? b.type() : a.type()).merge(a, b);
    }

    /**
     * What a replica answers a read of {@code parts} of the key with ({@link ValueType#project});
     * the whole cell for strings, tombstones, and when {@code parts} is null.
     */
    public static Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        if (parts == null || cell == null || cell.isTombstone() || cell.isString()) {
            return cell;
        }
        return of(cell.type()).project(cell, parts);
    }

    /** Whether {@code state} holds {@code delta}'s writes as made ({@link ValueType#holds}); equality for strings and tombstones. */
    public static boolean holds(Cell state, Cell delta) {
        if (state == null || delta == null || delta.isTombstone() || delta.isString() || state.type() != delta.type()) {
            return java.util.Objects.equals(state, delta);
        }
        return of(delta.type()).holds(state, delta);
    }

    /** Whether {@code state} shows it never held {@code delta}'s writes ({@link ValueType#lacks}); for strings, when merging {@code delta} would change it. */
    public static boolean lacks(Cell state, Cell delta) {
        if (state == null) {
            return delta != null;
        }
        if (delta == null || delta.isTombstone() || delta.isString() || state.type() != delta.type()) {
            return !state.equals(merge(state, delta));
        }
        return of(delta.type()).lacks(state, delta);
    }

    /** The live cell as a write to another key that replaces what that key holds ({@link ValueType#copied}). */
    public static Cell copied(Cell cell, Dot replaced, Dot written) {
        if (written.compareTo(replaced) <= 0) {
            throw new IllegalArgumentException("the copy must come after the reset");
        }
        if (cell.isString()) {
            return Cell.live(written.hlc(), written.node(), cell.value(), cell.expiresAtMs());
        }
        return of(cell.type()).copied(cell, replaced, written);
    }

    /**
     * What a replica answers a read for a {@link Summary}: a string with its value left out (the
     * version and expiry are what matter), a tombstone as it is, a typed value's
     * {@link ValueType#summary}.
     */
    public static Cell summarize(Cell cell) {
        if (cell == null || cell.isTombstone()) {
            return cell;
        }
        if (cell.isString()) {
            return Cell.live(cell.hlc(), cell.nodeId(), new byte[0], cell.expiresAtMs());
        }
        return of(cell.type()).summary(cell);
    }

    /** What a replica answers for a read of {@code parts}: a projection, or a summary when they are {@link Summary#REQUEST}. */
    public static Cell answer(Cell cell, java.util.Collection<byte[]> parts) {
        return Summary.isRequest(parts) ? summarize(cell) : project(cell, parts);
    }

    /** True when the live typed cell may hold removals to purge ({@link ValueType#purged}). */
    public static boolean mayPurge(Cell cell) {
        return isTyped(cell) && of(cell.type()).mayPurge(cell);
    }

    public static Cell purged(Cell cell, long nowMs, long gcGraceMs) {
        return isTyped(cell) ? of(cell.type()).purged(cell, nowMs, gcGraceMs) : cell;
    }

    /** {@code cell} with its expiry set by a write at {@code hlc}/{@code nodeId} (EXPIRE, PERSIST); not for tombstones. */
    public static Cell withExpiry(Cell cell, long hlc, int nodeId, long expiresAtMs) {
        if (cell.isString()) {
            return cell.withExpiry(hlc, nodeId, expiresAtMs);
        }
        return of(cell.type()).withExpiry(cell, new Dot(hlc, nodeId), expiresAtMs);
    }
}
