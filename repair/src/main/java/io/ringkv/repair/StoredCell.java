package io.ringkv.repair;

import io.ringkv.storage.Cell;

/** A key with its cell, as streamed between replicas by a repair. */
public record StoredCell(byte[] key, Cell cell) {
    /** Bytes in a message: key and value with their lengths, version, node id, expiry. */
    public int wireBytes() {
        return key.length + 4 + (cell.isTombstone() ? 0 : cell.value().length) + 4 + 8 + 4 + 8;
    }
}
