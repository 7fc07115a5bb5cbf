package io.ringkv.storage;

import com.google.common.collect.Iterators;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.ToLongFunction;

/**
 * The in-memory cells of a node, ordered by (token, key), safe for concurrent readers and
 * writers. Writes merge by last-write-wins, so concurrent writers to one key never lose the
 * winning cell, and applying the same cells in any order gives the same state.
 */
final class CellStore {
    private final ConcurrentSkipListMap<StoreKey, Cell> cells = new ConcurrentSkipListMap<>();
    private final ToLongFunction<byte[]> tokenizer;

    CellStore(ToLongFunction<byte[]> tokenizer) {
        this.tokenizer = tokenizer;
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
        while (true) {
            Cell current = cells.get(key);
            if (current == null) {
                if (cells.putIfAbsent(key, cell) == null) {
                    return true;
                }
            } else if (cell.compareVersion(current) <= 0) {
                return false;
            } else if (cells.replace(key, current, cell)) {
                return true;
            }
        }
    }

    /** Replaces {@code expected} only if it is still the stored cell; for the sweeper. */
    boolean replaceIfSame(StoreKey key, Cell expected, Cell replacement) {
        return cells.replace(key, expected, replacement);
    }

    boolean removeIfSame(StoreKey key, Cell expected) {
        return cells.remove(key, expected);
    }

    long size() {
        return cells.size();
    }

    Iterator<Map.Entry<StoreKey, Cell>> entries() {
        return cells.entrySet().iterator();
    }

    Iterator<Map.Entry<byte[], Cell>> all() {
        return asByteKeys(cells);
    }

    /** Cells with token in (start, end]; wraps past the end of the ring when start >= end. */
    Iterator<Map.Entry<byte[], Cell>> range(long startExclusive, long endInclusive) {
        if (startExclusive < endInclusive) {
            return asByteKeys(slice(startExclusive, endInclusive));
        }
        Iterator<Map.Entry<byte[], Cell>> tail = startExclusive == Long.MAX_VALUE
                ? Collections.emptyIterator()
                : asByteKeys(cells.tailMap(StoreKey.lowest(startExclusive + 1), true));
        Iterator<Map.Entry<byte[], Cell>> head = endInclusive == Long.MAX_VALUE
                ? asByteKeys(cells)
                : asByteKeys(cells.headMap(StoreKey.lowest(endInclusive + 1), false));
        return Iterators.concat(tail, head);
    }

    private NavigableMap<StoreKey, Cell> slice(long startExclusive, long endInclusive) {
        StoreKey from = StoreKey.lowest(startExclusive + 1);
        if (endInclusive == Long.MAX_VALUE) {
            return cells.tailMap(from, true);
        }
        return cells.subMap(from, true, StoreKey.lowest(endInclusive + 1), false);
    }

    private static Iterator<Map.Entry<byte[], Cell>> asByteKeys(NavigableMap<StoreKey, Cell> map) {
        Iterator<Map.Entry<StoreKey, Cell>> it = map.entrySet().iterator();
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
