package io.ringkv.storage;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A node's durable cell store: an ordered in-memory map, an append-only file, and snapshots.
 * CONTRACT ONLY: the storage-engine helper replaces these bodies.
 */
public final class StorageEngine implements AutoCloseable {

    /** Recovers from {@code config.dataDir()} (newest valid snapshot + later AOF) and starts the writer and sweeper threads. */
    public static StorageEngine open(StorageConfig config) throws IOException {
        throw new UnsupportedOperationException("contract");
    }

    /** The raw stored cell (tombstones and expired cells included), or null. Never blocks on I/O. */
    public Cell read(byte[] key) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * Merges {@code cell} into the key by last-write-wins. If it wins, the memory state changes at once and
     * the record is appended to the AOF; the future completes (true) when durable per appendfsync. If it
     * loses, completes false at once. Completes exceptionally if the AOF write fails.
     */
    public CompletableFuture<Boolean> write(byte[] key, Cell cell) {
        throw new UnsupportedOperationException("contract");
    }

    /** Cells with token in (startExclusive, endInclusive], in (token, key) order; wraps when start >= end. */
    public Iterator<Map.Entry<byte[], Cell>> range(long startTokenExclusive, long endTokenInclusive) {
        throw new UnsupportedOperationException("contract");
    }

    /** Every stored cell in (token, key) order. */
    public Iterator<Map.Entry<byte[], Cell>> all() {
        throw new UnsupportedOperationException("contract");
    }

    /** Number of stored entries (tombstones included); O(1). */
    public long size() {
        throw new UnsupportedOperationException("contract");
    }

    /** BGSAVE: snapshot in the background, then the AOF starts a new generation and old ones are deleted. */
    public CompletableFuture<SnapshotInfo> snapshot() {
        throw new UnsupportedOperationException("contract");
    }

    public RecoveryReport recoveryReport() {
        throw new UnsupportedOperationException("contract");
    }

    public StorageStats stats() {
        throw new UnsupportedOperationException("contract");
    }

    /** Flushes and fsyncs the AOF, stops the threads. */
    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("contract");
    }
}
