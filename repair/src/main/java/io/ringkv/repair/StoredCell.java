package io.ringkv.repair;

import io.ringkv.storage.Cell;

/** A key with its cell, as streamed between replicas by a repair. */
public record StoredCell(byte[] key, Cell cell) {
    /**
     * The cell's content: key, value, version (HLC and node id) and expiry. The least any repair must
     * send for it, the yardstick for a session's bytes sent.
     */
    public long contentBytes() {
        return key.length + (cell.isTombstone() ? 0 : cell.value().length) + 8 + 4 + 8;
    }
}
