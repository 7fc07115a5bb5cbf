package io.ringkv.storage;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The in-memory cells of a node, safe for concurrent readers and writers. Writes merge
 * ({@link io.ringkv.storage.types.ValueTypes#merge}: last-write-wins for strings, the type's CRDT
 * join for typed values), so concurrent writers to one key lose nothing the merge keeps, and
 * applying the same cells in any order gives the same state.
 *
 * <p>A hash table ({@link CellTable}): reads and writes, the hot path, are O(1). A token range is
 * produced in (token, key) order by scanning and sorting, O(n) per call; only repair and streaming
 * ask for ranges, and they are rare next to reads and writes (profiling showed a skip list's
 * lookups taking most of a SET's time).
 *
 * <p>Every change is reported to a {@link CellChangeListener} (Merkle trees are maintained that
 * way) while the key's segment is locked; {@link #scanExclusive} locks every segment, so a listener
 * can build its state from one scan and then follow the changes without counting any of them
 * twice or missing one.
 */
final class CellStore {
    private final CellTable cells = new CellTable();
    private final ToLongFunction<byte[]> tokenizer;
    private final long gcGraceMs;
    private final DeadlineQueue deadlines = new DeadlineQueue();

    CellStore(ToLongFunction<byte[]> tokenizer, long gcGraceMs) {
        this.tokenizer = tokenizer;
        this.gcGraceMs = gcGraceMs;
    }

    int segmentSize(int segment) {
        return cells.segmentSize(segment);
    }

    /** See {@link CellTable#reserve}. */
    void reserve(int segment, int moreKeys) {
        cells.reserve(segment, moreKeys);
    }

    long tokenOf(byte[] key) {
        return tokenizer.applyAsLong(key);
    }

    StoreKey keyOf(byte[] key) {
        return new StoreKey(tokenizer.applyAsLong(key), key);
    }

    Cell get(byte[] key) {
        return cells.get(tokenizer.applyAsLong(key), key);
    }

    /** Merges {@code cell} into the key; true when it won (the stored state changed). */
    boolean apply(byte[] key, Cell cell) {
        return apply(tokenizer.applyAsLong(key), key, cell);
    }

    /** {@link #apply(byte[], Cell)} for a caller that has the key's token ({@link #tokenOf}) already. */
    boolean apply(long token, byte[] key, Cell cell) {
        Cell stored = cells.merge(token, key, cell);
        if (stored == null) {
            return false;
        }
        if (stored.isTombstone() || stored.hasExpiry()) {
            scheduleSweep(new StoreKey(token, key), stored);
        }
        return true;
    }

    void listen(CellChangeListener newListener) {
        cells.listen(newListener);
    }

    /**
     * Visits every cell while no change can happen. Writers wait for the scan, so use it for
     * rare rebuilds only. {@code thenWhilePaused} runs after the last cell, before writes resume.
     */
    void scanExclusive(CellVisitor visitor, Runnable thenWhilePaused) {
        cells.forEachExclusive(visitor, thenWhilePaused);
    }

    /** Tells the sweeper when this cell will need it: at its expiry, or when its gc grace ends. */
    private void scheduleSweep(StoreKey key, Cell cell) {
        if (cell.isTombstone()) {
            deadlines.add(cell.deadSinceMs() + gcGraceMs, key, cell);
        } else if (cell.hasExpiry()) {
            deadlines.add(cell.expiresAtMs(), key, cell);
        }
    }

    /** Cells whose sweep is due at {@code nowMs}, at most {@code max}. */
    List<DeadlineQueue.Due> dueForSweep(long nowMs, int max) {
        return deadlines.pollDue(nowMs, max);
    }

    /** Replaces {@code expected} only if it is still the stored cell; for the sweeper. */
    boolean replaceIfSame(StoreKey key, Cell expected, Cell replacement) {
        if (!cells.replace(key.token, key.bytes, expected, replacement)) {
            return false;
        }
        scheduleSweep(key, replacement);
        return true;
    }

    boolean removeIfSame(StoreKey key, Cell expected) {
        return cells.remove(key.token, key.bytes, expected);
    }

    long size() {
        return cells.size();
    }

    void visit(CellVisitor visitor) {
        cells.forEach(visitor);
    }

    /** Every entry, in no particular order. */
    Iterator<Map.Entry<StoreKey, Cell>> entries() {
        Iterator<CellTable.Entry> it = cells.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map.Entry<StoreKey, Cell> next() {
                CellTable.Entry e = it.next();
                return new AbstractMap.SimpleImmutableEntry<>(new StoreKey(e.token(), e.key()), e.cell());
            }
        };
    }

    /** Every cell, in no particular order. */
    Iterator<Map.Entry<byte[], Cell>> all() {
        return asByteKeys(entries());
    }

    /** Cells with token in (start, end] in (token, key) order; wraps past the end of the ring when start >= end. */
    Iterator<Map.Entry<byte[], Cell>> range(long startExclusive, long endInclusive) {
        List<Map.Entry<StoreKey, Cell>> inRange = new ArrayList<>();
        cells.forEach((token, key, cell) -> {
            if (contains(startExclusive, endInclusive, token)) {
                inRange.add(new AbstractMap.SimpleImmutableEntry<>(new StoreKey(token, key), cell));
            }
        });
        // Sorted from just after start, so a wrapping range comes out in ring order.
        inRange.sort(Comparator.comparing((Map.Entry<StoreKey, Cell> e) -> e.getKey().token - startExclusive - 1,
                        Long::compareUnsigned)
                .thenComparing(Map.Entry::getKey));
        return asByteKeys(inRange.iterator());
    }

    private static boolean contains(long startExclusive, long endInclusive, long token) {
        if (startExclusive < endInclusive) {
            return token > startExclusive && token <= endInclusive;
        }
        return token > startExclusive || token <= endInclusive;
    }

    private static Iterator<Map.Entry<byte[], Cell>> asByteKeys(Iterator<Map.Entry<StoreKey, Cell>> it) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map.Entry<byte[], Cell> next() {
                Map.Entry<StoreKey, Cell> e = it.next();
                return new AbstractMap.SimpleImmutableEntry<>(e.getKey().bytes, e.getValue());
            }
        };
    }
}
