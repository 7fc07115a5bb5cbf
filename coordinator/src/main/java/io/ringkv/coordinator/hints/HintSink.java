package io.ringkv.coordinator.hints;

import io.ringkv.storage.Cell;

/** Where a coordinator leaves the writes a replica missed. */
public interface HintSink {
    /** Stores a hint durably before returning: for ANY, where the hint is the write. */
    void add(int targetNode, byte[] key, Cell cell, long nowMs);

    /** Stores a hint soon, without making the caller wait. */
    void addLater(int targetNode, byte[] key, Cell cell, long nowMs);
}
