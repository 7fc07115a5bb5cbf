package io.ringkv.repair;

import io.ringkv.storage.Cell;

/** A key and the version a replica holds for it: what replicas exchange for a differing leaf. */
public record KeyVersion(byte[] key, long hlc, int nodeId, boolean tombstone) {
    public static KeyVersion of(byte[] key, Cell cell) {
        return new KeyVersion(key, cell.hlc(), cell.nodeId(), cell.isTombstone());
    }

    /** Positive when this version wins over {@code other}, by the same order as {@link Cell#compareVersion}. */
    public int compareVersion(KeyVersion other) {
        return Cell.compareVersions(hlc, nodeId, tombstone, other.hlc, other.nodeId, other.tombstone);
    }
}
