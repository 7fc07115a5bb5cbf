package io.ringkv.coordinator.kv;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.types.counter.CounterIncrement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;

/**
 * A node that is the only replica of every key (replication factor 1): every level is met by
 * the local store. STRONG needs no Paxos here: a key's lock orders every change, and a STRONG
 * write takes its version under that lock. Its writes are made on RESP event loops, which flush
 * the AOF once per loop iteration.
 */
public final class LocalKeyValueService implements KeyValueService {
    private final StorageEngine engine;
    private final HybridClock clock;
    private final int nodeId;
    private final KeyLocks keyLocks;
    private final CounterOwner counterOwner;

    /** {@code keyLocks} must be the ones {@code counterOwner} takes, so an INCR and an APPEND never interleave. */
    public LocalKeyValueService(StorageEngine engine, HybridClock clock, int nodeId, KeyLocks keyLocks,
                                CounterOwner counterOwner) {
        this.keyLocks = keyLocks;
        this.counterOwner = counterOwner;
        this.engine = engine;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    @Override
    public CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level) {
        return CompletableFuture.completedFuture(engine.read(key));
    }

    @Override
    public CompletableFuture<Void> write(byte[] key, Cell cell, ConsistencyLevel level) {
        if (level == ConsistencyLevel.STRONG) {
            return update(key, level, level, current -> cell.withVersion(clock.now(), nodeId)).thenApply(done -> null);
        }
        return engine.write(key, cell, true).thenApply(applied -> null);
    }

    @Override
    public CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                          UnaryOperator<Cell> update) {
        // The lock covers read, compute and the in-memory apply, which is what makes INCR exact
        // here; durability is awaited outside it so concurrent INCRs still share fsyncs.
        Lock lock = keyLocks.of(key);
        CompletableFuture<Boolean> durable;
        Cell next;
        lock.lock();
        try {
            Cell current = engine.read(key);
            next = update.apply(current);
            if (next == null || next == current) {
                return CompletableFuture.completedFuture(current);
            }
            durable = engine.write(key, next, true);
        } finally {
            lock.unlock();
        }
        Cell written = next;
        return durable.thenApply(applied -> written);
    }

    /** This node owns every counter's only share; every level reads and writes its one store. */
    @Override
    public CompletableFuture<CounterIncrement.Result> applyIncrement(byte[] key, byte[] field, long amount,
            java.math.BigDecimal decimal, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return counterOwner.increment(key, field, amount, decimal, null);
    }

    @Override
    public CompletableFuture<Void> writeAll(java.util.List<BatchedWrite> writes) {
        java.util.List<byte[]> keys = writes.stream().map(BatchedWrite::key).toList();
        java.util.List<Cell> cells = writes.stream().map(BatchedWrite::cell).toList();
        try {
            return engine.writeAll(keys, cells, true).thenApply(applied -> null);
        } catch (IllegalArgumentException tooLarge) {
            return CompletableFuture.failedFuture(tooLarge);
        }
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> ownerIncrement(byte[] key, byte[] field, long amount,
            java.math.BigDecimal decimal, Cell alsoObserved, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return counterOwner.increment(key, field, amount, decimal, alsoObserved);
    }

    @Override
    public long newVersion() {
        return clock.now();
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public long nowMs() {
        return clock.physicalNowMs();
    }
}
