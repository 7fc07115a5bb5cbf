package io.ringkv.coordinator.kv;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * What RESP commands read and write through: cells by key at a consistency level. A single node
 * serves it from its own store; the cluster coordinator serves it from the key's replicas.
 * Futures fail with {@link ConsistencyException} when a level cannot be met.
 */
public interface KeyValueService {

    /** The newest cell the level's replicas hold (tombstones and expired cells included), or null. */
    CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level);

    /**
     * As {@link #read(byte[], ConsistencyLevel)}, but the replicas answer with only {@code parts} of
     * the value (a hash's fields: {@link io.ringkv.storage.types.ValueTypes#project}), and read
     * repair writes back only those: a command reads what it touches. With
     * {@link io.ringkv.storage.types.Summary#REQUEST}, the replicas answer summaries (a count and a
     * digest) and the answer is one of them when those asked agree, else the whole value, read and
     * repaired as {@link #read(byte[], ConsistencyLevel)} does: callers accept either.
     */
    default CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level, java.util.List<byte[]> parts) {
        return read(key, level);
    }

    /** As {@link #update(byte[], ConsistencyLevel, ConsistencyLevel, UnaryOperator)}, reading only {@code parts}. */
    default CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                           java.util.List<byte[]> parts, UnaryOperator<Cell> update) {
        return update(key, readLevel, writeLevel, update);
    }

    /** Completes when the level's replicas have the cell durably (per appendfsync). */
    CompletableFuture<Void> write(byte[] key, Cell cell, ConsistencyLevel level);

    /**
     * The writes of one transaction (EXEC), each key once: every replica gets its share of them as
     * one batch, applied as one step and one AOF record, so no replica ever holds part of its
     * share. Completes when every write has met its level; fails as {@link #write} does, or with
     * {@link io.ringkv.coordinator.replication.StrongKeyException} when a replica refuses the batch
     * (one of its keys is used at STRONG), and then that replica applied none of it.
     */
    CompletableFuture<Void> writeAll(java.util.List<BatchedWrite> writes);

    /**
     * Read-modify-write: reads the key, applies {@code update} to the current cell (null when
     * absent), and writes the result unless it is the same cell. Completes with the cell written
     * (or the unchanged current one). Atomic on a single node; below STRONG in a cluster, two
     * concurrent updates at different coordinators can overwrite each other.
     */
    CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                   UnaryOperator<Cell> update);

    /**
     * INCRBY, exact at every level: a counter delta, not a read-modify-write. One live replica (this
     * node when it is one) applies it to its own share of the counter ({@link CounterOwner}) after
     * merging what was read at {@code readLevel}, and the delta is written at {@code writeLevel};
     * at STRONG it is one Paxos round. Completes with the counter's value as that replica then
     * sees it: everything the read found plus this increment. Fails with
     * {@link io.ringkv.storage.types.ValueRefusedException} for a value that is not an integer.
     */
    default CompletableFuture<Long> increment(byte[] key, long amount, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return increment(key, null, amount, readLevel, writeLevel);
    }

    /** As {@link #increment(byte[], long, ConsistencyLevel, ConsistencyLevel)}; with a {@code field}, HINCRBY of that hash field. */
    default CompletableFuture<Long> increment(byte[] key, byte[] field, long amount, ConsistencyLevel readLevel,
                                              ConsistencyLevel writeLevel) {
        return applyIncrement(key, field, amount, null, readLevel, writeLevel)
                .thenApply(io.ringkv.storage.types.counter.CounterIncrement.Result::value);
    }

    /**
     * The increment behind INCRBY, HINCRBY and (with a {@code decimal} amount and a field)
     * HINCRBYFLOAT, whose reply is the result's text.
     */
    CompletableFuture<io.ringkv.storage.types.counter.CounterIncrement.Result> applyIncrement(byte[] key, byte[] field,
            long amount, java.math.BigDecimal decimal, ConsistencyLevel readLevel, ConsistencyLevel writeLevel);

    /**
     * The owner's step of {@link #applyIncrement} alone: the owner replica merges what was read (and
     * {@code alsoObserved}, when not null) into its copy and stores the increment's delta there, and
     * the delta is not written to the other replicas: the caller does that (a transaction, in its batch).
     */
    CompletableFuture<io.ringkv.storage.types.counter.CounterIncrement.Result> ownerIncrement(byte[] key, byte[] field,
            long amount, java.math.BigDecimal decimal, Cell alsoObserved, ConsistencyLevel readLevel, ConsistencyLevel writeLevel);

    /** A fresh version (HLC timestamp) for a cell this node writes. */
    long newVersion();

    int nodeId();

    /** The wall clock used for expiry decisions, epoch ms. */
    long nowMs();
}
