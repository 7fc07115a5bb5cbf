package io.ringkv.storage;

import io.ringkv.storage.types.ValueTypes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.StampedLock;

/**
 * The map from key to cell behind {@link CellStore}: segments of open-addressing tables (linear
 * probing over parallel arrays of tokens, keys and cells), each guarded by its own lock.
 *
 * <p>Why not a {@code ConcurrentHashMap<StoreKey, Cell>}: a profile of SET put a fifth of the event
 * loop's Java time in its lookups, which chase the table slot, a node, the key wrapper and the key
 * bytes through four cache misses, and every stored key cost those two extra objects (about 56
 * bytes) for the collector to copy and mark. Here a lookup scans tokens in a {@code long[]} and
 * touches the key bytes only on a token match, and an entry is just its key and cell.
 *
 * <p>The token (the partitioner's Murmur3 hash) is already well mixed: its top bits choose the
 * segment and its low bits the home slot. Readers do not lock: they read optimistically and retry
 * under the read lock if a writer changed the segment meanwhile. Arrays are never changed after a
 * resize has replaced them, so an optimistic reader sees one consistent (if stale) table and cannot
 * fail on it. Writers of one segment take turns; different segments never wait for each other.
 */
final class CellTable {
    private static final int SEGMENT_BITS = 7;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;
    static final int SEGMENT_COUNT = SEGMENTS;
    private static final int INITIAL_SLOTS = 16;

    private final Segment[] segments = new Segment[SEGMENTS];
    /** Read by writers under their segment's lock, so a listener set during an exclusive scan misses no change. */
    private volatile CellChangeListener listener = CellChangeListener.NONE;

    CellTable() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** The stored cell of the key, or null. Never blocks while no writer holds the key's segment. */
    Cell get(long token, byte[] key) {
        return segmentOf(token).get(token, key);
    }

    /**
     * Merges {@code cell} into the stored one ({@link ValueTypes#merge}: last-write-wins for
     * strings, the CRDT join for typed values); reports a change to the listener while the segment
     * is still locked, so one key's changes are reported in order.
     *
     * @return the cell now stored, or null when the merge changed nothing
     */
    Cell merge(long token, byte[] key, Cell cell) {
        return segmentOf(token).merge(token, key, cell);
    }

    /** Replaces {@code expected} with {@code replacement} only if {@code expected} is still stored (by identity). */
    boolean replace(long token, byte[] key, Cell expected, Cell replacement) {
        return segmentOf(token).replace(token, key, expected, replacement);
    }

    /** Removes the key only if {@code expected} is still its cell (by identity). */
    boolean remove(long token, byte[] key, Cell expected) {
        return segmentOf(token).replace(token, key, expected, null);
    }

    /** The one listener told of every change (null for none). */
    void listen(CellChangeListener newListener) {
        listener = newListener == null ? CellChangeListener.NONE : newListener;
    }

    long size() {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.size();
        }
        return total;
    }

    /**
     * Visits every entry, one segment at a time under its read lock, so the visitor must be quick
     * (a filter); a slow consumer such as a snapshot uses {@link #iterator()}. Weakly consistent,
     * like a concurrent map's iterator: each entry is as it was at some point during the call.
     */
    void forEach(CellVisitor visitor) {
        for (Segment segment : segments) {
            long stamp = segment.lock.readLock();
            try {
                segment.slots.visit(visitor);
            } finally {
                segment.lock.unlockRead(stamp);
            }
        }
    }

    /** One stored entry, as handed out by {@link #iterator()}. */
    record Entry(long token, byte[] key, Cell cell) {
    }

    /**
     * Every entry, weakly consistent as {@link #forEach}; a segment is copied when the iterator
     * reaches it, so a slow consumer (a snapshot writing to disk) never holds up writers.
     */
    Iterator<Entry> iterator() {
        return new Iterator<>() {
            private int segment;
            private Slots current = segments[0].copy();
            private int slot = -1;

            @Override
            public boolean hasNext() {
                while (segment < SEGMENTS) {
                    int next = slot + 1;
                    while (next < current.keys.length && current.keys[next] == null) {
                        next++;
                    }
                    slot = next - 1;
                    if (next < current.keys.length) {
                        return true;
                    }
                    if (++segment < SEGMENTS) {
                        current = segments[segment].copy();
                        slot = -1;
                    }
                }
                return false;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                slot++;
                return new Entry(current.tokens[slot], current.keys[slot], current.cells[slot]);
            }
        };
    }

    /** Visits every entry while no change can happen anywhere, then runs {@code thenWhileLocked}. */
    void forEachExclusive(CellVisitor visitor, Runnable thenWhileLocked) {
        long[] stamps = new long[SEGMENTS];
        int locked = 0;
        try {
            for (; locked < SEGMENTS; locked++) {
                stamps[locked] = segments[locked].lock.writeLock();
            }
            for (Segment segment : segments) {
                segment.slots.visit(visitor);
            }
            thenWhileLocked.run();
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                segments[i].lock.unlockWrite(stamps[i]);
            }
        }
    }

    private Segment segmentOf(long token) {
        return segments[segmentIndex(token)];
    }

    /**
     * Grows segment {@code segment} at once to hold {@code moreKeys} more keys without growing on
     * the way: recovery knows how many distinct keys it is about to insert, and growing step by step
     * would rehash each segment a dozen times on the way to a million keys.
     */
    void reserve(int segment, int moreKeys) {
        segments[segment].reserve(moreKeys);
    }

    int segmentSize(int segment) {
        return segments[segment].size();
    }

    /** Which of the {@link #SEGMENT_COUNT} segments holds a token. */
    static int segmentIndex(long token) {
        return (int) (token >>> (Long.SIZE - SEGMENT_BITS));
    }

    /** One table's arrays; replaced whole on resize, never changed after that. */
    private static final class Slots {
        final long[] tokens;
        final byte[][] keys;
        final Cell[] cells;
        final int mask;

        Slots(int capacity) {
            tokens = new long[capacity];
            keys = new byte[capacity][];
            cells = new Cell[capacity];
            mask = capacity - 1;
        }

        void visit(CellVisitor visitor) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    visitor.visit(tokens[i], keys[i], cells[i]);
                }
            }
        }

        /** The slot holding the key, or the empty slot where it would go (a null key there). */
        int find(long token, byte[] key) {
            int i = (int) token & mask;
            // Bounded even on a torn optimistic read: a table always has an empty slot when
            // consistent, and a reader that saw it otherwise is sent round again by validate().
            for (int probes = 0; probes <= mask; probes++) {
                byte[] k = keys[i];
                if (k == null || tokens[i] == token && Arrays.equals(k, key)) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }
    }

    /** Not static: its writers report to the table's current listener. */
    private final class Segment {
        final StampedLock lock = new StampedLock();
        /** Written under the write lock; read by optimistic readers, who validate afterwards. */
        volatile Slots slots = new Slots(INITIAL_SLOTS);
        /** Guarded by the write lock; read racily by {@link #size()}. */
        volatile int count;

        Cell get(long token, byte[] key) {
            long stamp = lock.tryOptimisticRead();
            if (stamp != 0) {
                Cell found = lookup(token, key);
                if (lock.validate(stamp)) {
                    return found;
                }
            }
            stamp = lock.readLock();
            try {
                return lookup(token, key);
            } finally {
                lock.unlockRead(stamp);
            }
        }

        private Cell lookup(long token, byte[] key) {
            Slots s = slots;
            int i = s.find(token, key);
            return i < 0 || s.keys[i] == null ? null : s.cells[i];
        }

        Cell merge(long token, byte[] key, Cell incoming) {
            long stamp = lock.writeLock();
            try {
                Slots s = slots;
                int i = s.find(token, key);
                Cell before = s.keys[i] == null ? null : s.cells[i];
                Cell cell = ValueTypes.merge(before, incoming);
                if (cell == before || cell.equals(before)) {
                    return null;
                }
                listener.changed(token, key, before, cell);
                if (before != null) {
                    s.cells[i] = cell;
                    return cell;
                }
                s.tokens[i] = token;
                s.cells[i] = cell;
                s.keys[i] = key;
                count++;
                if (count > maxCount(s.keys.length)) {
                    slots = resized(s, s.keys.length * 2);
                }
                return cell;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        boolean replace(long token, byte[] key, Cell expected, Cell replacement) {
            long stamp = lock.writeLock();
            try {
                Slots s = slots;
                int i = s.find(token, key);
                if (s.keys[i] == null || s.cells[i] != expected) {
                    return false;
                }
                listener.changed(token, s.keys[i], expected, replacement);
                if (replacement != null) {
                    s.cells[i] = replacement;
                } else {
                    removeAt(s, i);
                    count--;
                }
                return true;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        /**
         * Empties slot {@code i} by shifting later entries of its probe run back (no deleted
         * markers, so lookups never slow down after many removals).
         */
        private static void removeAt(Slots s, int i) {
            int hole = i;
            int j = i;
            while (true) {
                j = (j + 1) & s.mask;
                if (s.keys[j] == null) {
                    break;
                }
                int home = (int) s.tokens[j] & s.mask;
                // The entry at j may move into the hole only if its home is not in (hole, j].
                boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
                if (homeBetween) {
                    continue;
                }
                s.tokens[hole] = s.tokens[j];
                s.keys[hole] = s.keys[j];
                s.cells[hole] = s.cells[j];
                hole = j;
            }
            s.keys[hole] = null;
            s.cells[hole] = null;
            s.tokens[hole] = 0;
        }

        /** Entries a table of this capacity holds before it grows (a load of 3/4). */
        private static int maxCount(int capacity) {
            return capacity - (capacity >>> 2);
        }

        void reserve(int moreKeys) {
            long stamp = lock.writeLock();
            try {
                Slots s = slots;
                long wanted = (long) count + moreKeys;
                int capacity = s.keys.length;
                while (maxCount(capacity) < wanted && capacity < 1 << 30) {
                    capacity *= 2;
                }
                if (capacity > s.keys.length) {
                    slots = resized(s, capacity);
                }
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        private static Slots resized(Slots s, int capacity) {
            Slots bigger = new Slots(capacity);
            for (int i = 0; i < s.keys.length; i++) {
                byte[] k = s.keys[i];
                if (k != null) {
                    int j = (int) s.tokens[i] & bigger.mask;
                    while (bigger.keys[j] != null) {
                        j = (j + 1) & bigger.mask;
                    }
                    bigger.tokens[j] = s.tokens[i];
                    bigger.keys[j] = k;
                    bigger.cells[j] = s.cells[i];
                }
            }
            return bigger;
        }

        Slots copy() {
            long stamp = lock.readLock();
            try {
                Slots s = slots;
                Slots copy = new Slots(s.keys.length);
                System.arraycopy(s.tokens, 0, copy.tokens, 0, s.tokens.length);
                System.arraycopy(s.keys, 0, copy.keys, 0, s.keys.length);
                System.arraycopy(s.cells, 0, copy.cells, 0, s.cells.length);
                return copy;
            } finally {
                lock.unlockRead(stamp);
            }
        }

        int size() {
            return count;
        }
    }
}
