package io.ringkv.repair;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.ValueTypes;

/**
 * A key and what a replica holds for it: the version, whether it is a typed value (merged, not
 * last-write-wins) and the entry's digest. What replicas exchange for a differing leaf.
 */
public record KeyVersion(byte[] key, long hlc, int nodeId, boolean tombstone, boolean typed, long digest) {
    public static KeyVersion of(byte[] key, Cell cell) {
        return new KeyVersion(key, cell.hlc(), cell.nodeId(), cell.isTombstone(), ValueTypes.isTyped(cell),
                CellHash.of(key, cell));
    }

    /** Positive when this version wins over {@code other}, by the same order as {@link Cell#compareVersion}. */
    public int compareVersion(KeyVersion other) {
        return Cell.compareVersions(hlc, nodeId, tombstone, other.hlc, other.nodeId, other.tombstone);
    }
}
