package io.ringkv.coordinator.kv;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;

/** One key's share of a transaction's writes: the cell it merges (every write of the key joined) and the level it needs. */
public record BatchedWrite(byte[] key, Cell cell, ConsistencyLevel level) {
}
