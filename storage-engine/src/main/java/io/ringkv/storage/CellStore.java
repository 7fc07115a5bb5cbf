package io.ringkv.storage;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.ToLongFunction;

/**
 * The in-memory cells of a node, safe for concurrent readers and writers. Writes merge by
 * last-write-wins, so concurrent writers to one key never lose the winning cell, and applying the
 * same cells in any order gives the same state.
 *
 * <p>A hash map: reads and writes, the hot path, are O(1). A token range is produced in (token,
 * key) order by scanning and sorting, O(n) per call; only repair and streaming ask for ranges, and
 * they are rare next to reads and writes (profiling showed a skip list's lookups taking most of a
 * SET's time).
 *
 * <p>Every change is reported to a {@link CellChangeListener} (Merkle trees are maintained that way).
 * Changes hold a shared lock that {@link #scanExclusive} takes exclusively, so a listener can build
 * its state from one scan and then follow the changes without counting any of them twice or missing
 * one; a change costs two uncontended-in-practice atomic operations for that.
 */
final class CellStore {
    private final ConcurrentHashMap<StoreKey, Cell> cells = new ConcurrentHashMap<>();
    private final ToLongFunction<byte[]> tokenizer;
    private final long gcGraceMs;
    private final DeadlineQueue deadlines = new DeadlineQueue();
    private final StampedLock changes = new StampedLock();
    private volatile CellChangeListener listener = CellChangeListener.NONE;

    CellStore(ToLongFunction<byte[]> tokenizer, long gcGraceMs) {
        this.tokenizer = tokenizer;
        this.gcGraceMs = gcGraceMs;
    }

    StoreKey keyOf(byte[] key) {
        return new StoreKey(tokenizer.applyAsLong(key), key);
    }

    Cell get(byte[] key) {
        return cells.get(keyOf(key));
    }

    /** Merges {@code cell} into the key; true when it won (the stored state changed). */
    boolean apply(byte[] key, Cell cell) {
        return apply(keyOf(key), cell);
    }

    boolean apply(StoreKey key, Cell cell) {
        long stamp = changes.readLock();
        try {
            // One traversal: compute finds the node and swaps the value in place, and reports the
            // change while it still holds the key's bin, so a key's changes are reported in order.
            Cell stored = cells.compute(key, (k, before) -> {
                Cell winner = Cell.newer(before, cell);
                if (winner == cell) {
                    listener.changed(k.token, k.bytes, before, cell);
                }
                return winner;
            });
            if (stored != cell) {
                return false;
            }
        } finally {
            changes.unlockRead(stamp);
        }
        scheduleSweep(key, cell);
        return true;
    }

    void listen(CellChangeListener newListener) {
        listener = newListener == null ? CellChangeListener.NONE : newListener;
    }

    /**
     * Visits every cell while no change can happen. Writers wait for the scan, so use it for
     * rare rebuilds only. {@code thenWhilePaused} runs after the last cell, before writes resume.
     */
    void scanExclusive(CellVisitor visitor, Runnable thenWhilePaused) {
        long stamp = changes.writeLock();
        try {
            for (Map.Entry<StoreKey, Cell> entry : cells.entrySet()) {
                visitor.visit(entry.getKey().token, entry.getKey().bytes, entry.getValue());
            }
            thenWhilePaused.run();
        } finally {
            changes.unlockWrite(stamp);
        }
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
        long stamp = changes.readLock();
        try {
            if (!cells.replace(key, expected, replacement)) {
                return false;
            }
            listener.changed(key.token, key.bytes, expected, replacement);
        } finally {
            changes.unlockRead(stamp);
        }
        scheduleSweep(key, replacement);
        return true;
    }

    boolean removeIfSame(StoreKey key, Cell expected) {
        long stamp = changes.readLock();
        try {
            if (!cells.remove(key, expected)) {
                return false;
            }
            listener.changed(key.token, key.bytes, expected, null);
            return true;
        } finally {
            changes.unlockRead(stamp);
        }
    }

    long size() {
        return cells.size();
    }

    void visit(CellVisitor visitor) {
        for (Map.Entry<StoreKey, Cell> entry : cells.entrySet()) {
            visitor.visit(entry.getKey().token, entry.getKey().bytes, entry.getValue());
        }
    }

    /** Every entry, in no particular order. */
    Iterator<Map.Entry<StoreKey, Cell>> entries() {
        return cells.entrySet().iterator();
    }

    /** Every cell, in no particular order. */
    Iterator<Map.Entry<byte[], Cell>> all() {
        return asByteKeys(cells.entrySet().iterator());
    }

    /** Cells with token in (start, end] in (token, key) order; wraps past the end of the ring when start >= end. */
    Iterator<Map.Entry<byte[], Cell>> range(long startExclusive, long endInclusive) {
        List<Map.Entry<StoreKey, Cell>> inRange = new ArrayList<>();
        for (Map.Entry<StoreKey, Cell> entry : cells.entrySet()) {
            if (contains(startExclusive, endInclusive, entry.getKey().token)) {
                inRange.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
            }
        }
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
