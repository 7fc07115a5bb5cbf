package io.ringkv.coordinator.kv;

import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Increments;
import io.ringkv.storage.types.counter.CounterIncrement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;

/**
 * This node as the owner of its counter shares: applies an increment to its own stored state under
 * the key's lock, so two increments through this node never number its share alike. The delta it
 * stores is what the coordinator then replicates.
 */
public final class CounterOwner {
    private final StorageEngine engine;
    private final HybridClock clock;
    private final int nodeId;
    private final KeyLocks keyLocks;

    public CounterOwner(StorageEngine engine, HybridClock clock, int nodeId, KeyLocks keyLocks) {
        this.engine = engine;
        this.clock = clock;
        this.nodeId = nodeId;
        this.keyLocks = keyLocks;
    }

    /**
     * Merges {@code observed} (what the coordinator read at the request's level, or null) into this
     * replica, then applies the increment to what it holds: to the key's counter, or with a
     * {@code field} to that hash field's. Completes once the delta is durable
     * here (per appendfsync); the caller flushes the AOF.
     *
     * @throws io.ringkv.storage.types.ValueRefusedException for a value that cannot be incremented
     */
    public CompletableFuture<CounterIncrement.Result> increment(byte[] key, byte[] field, long amount,
                                                                java.math.BigDecimal decimal, Cell observed) {
        Lock lock = keyLocks.of(key);
        CounterIncrement.Result result;
        CompletableFuture<Boolean> durable;
        lock.lock();
        try {
            if (observed != null) {
                engine.write(key, observed, true);
            }
            result = Increments.apply(engine.read(key), field, amount, decimal, new Dot(clock.now(), nodeId), clock.physicalNowMs());
            durable = engine.write(key, result.delta(), true);
        } finally {
            lock.unlock();
        }
        return durable.thenApply(applied -> result);
    }
}
