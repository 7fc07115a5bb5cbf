package io.ringkv.coordinator.kv;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.counter.CounterIncrement;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What the commands of an EXEC read and write through. Their writes are held here, each key's
 * joined into one cell, and their reads see them; EXEC then sends them all at once
 * ({@link KeyValueService#writeAll}), so every replica gets its share of the transaction as one
 * batch. Holds one transaction at a time: a node runs its EXECs one after another (the command
 * layer's transaction gate).
 *
 * <p>An increment is the exception: the counter's owner replica stores its delta when the command
 * runs (so two increments through different nodes never number its share alike), with the
 * transaction's earlier writes of that key; only the other replicas get the delta in the batch.
 */
public final class TransactionBuffer implements KeyValueService {
    private final KeyValueService kv;
    private volatile ConcurrentHashMap<KeyIdentity, BatchedWrite> held;

    public TransactionBuffer(KeyValueService kv) {
        this.kv = kv;
    }

    /** Starts holding writes. */
    public void begin() {
        if (held != null) {
            throw new IllegalStateException("a transaction is already being buffered");
        }
        held = new ConcurrentHashMap<>();
    }

    /** Stops holding writes and gives back what was held, each key once. */
    public List<BatchedWrite> finish() {
        ConcurrentHashMap<KeyIdentity, BatchedWrite> writes = held;
        held = null;
        return writes == null ? List.of() : List.copyOf(writes.values());
    }

    private ConcurrentHashMap<KeyIdentity, BatchedWrite> open() {
        ConcurrentHashMap<KeyIdentity, BatchedWrite> writes = held;
        if (writes == null) {
            throw new IllegalStateException("no transaction is being buffered");
        }
        return writes;
    }

    private Cell heldCell(byte[] key) {
        BatchedWrite write = open().get(new KeyIdentity(key));
        return write == null ? null : write.cell();
    }

    private void hold(byte[] key, Cell cell, ConsistencyLevel level) {
        open().merge(new KeyIdentity(key), new BatchedWrite(key, cell, level), (before, next) -> new BatchedWrite(before.key(),
                ValueTypes.merge(before.cell(), next.cell()), before.level().compareTo(level) >= 0 ? before.level() : level));
    }

    @Override
    public CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level) {
        return read(key, level, null);
    }

    /** What the replicas hold, joined with what this transaction wrote to the key (a summary or a list's slice is then a whole read). */
    @Override
    public CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level, List<byte[]> parts) {
        Cell written = heldCell(key);
        if (written == null) {
            return kv.read(key, level, parts);
        }
        List<byte[]> asked = Summary.isRequest(parts) || io.ringkv.storage.types.list.ListSlice.of(parts) != null ? null : parts;
        return kv.read(key, level, asked).thenApply(stored -> ValueTypes.merge(stored, written));
    }

    @Override
    public CompletableFuture<Void> write(byte[] key, Cell cell, ConsistencyLevel level) {
        hold(key, cell, level);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> writeAll(List<BatchedWrite> writes) {
        writes.forEach(write -> hold(write.key(), write.cell(), write.level()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                          UnaryOperator<Cell> update) {
        return update(key, readLevel, writeLevel, null, update);
    }

    @Override
    public CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                          List<byte[]> parts, UnaryOperator<Cell> update) {
        return read(key, readLevel, parts).thenApply(current -> {
            Cell next = update.apply(current);
            if (next == null || next == current) {
                return current;
            }
            hold(key, next, writeLevel);
            return next;
        });
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> applyIncrement(byte[] key, byte[] field, long amount, BigDecimal decimal,
                                                                     ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return ownerIncrement(key, field, amount, decimal, null, readLevel, writeLevel).thenApply(result -> {
            hold(key, result.delta(), writeLevel);
            return result;
        });
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> ownerIncrement(byte[] key, byte[] field, long amount, BigDecimal decimal,
            Cell alsoObserved, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return kv.ownerIncrement(key, field, amount, decimal, ValueTypes.merge(alsoObserved, heldCell(key)), readLevel,
                writeLevel);
    }

    @Override
    public long newVersion() {
        return kv.newVersion();
    }

    @Override
    public int nodeId() {
        return kv.nodeId();
    }

    @Override
    public long nowMs() {
        return kv.nowMs();
    }
}
