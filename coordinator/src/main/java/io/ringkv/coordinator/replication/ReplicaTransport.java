package io.ringkv.coordinator.replication;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.counter.CounterIncrement;
import java.util.concurrent.CompletableFuture;

/**
 * How a coordinator reaches a replica, itself included. gRPC implements it between nodes; tests
 * and simulations can put anything in between. Futures fail when the replica cannot answer.
 */
public interface ReplicaTransport {

    /** Applies a cell as it is: repairs, hints and read repair. */
    CompletableFuture<Void> mutate(int nodeId, byte[] key, Cell cell);

    /**
     * A client's write below STRONG: as {@link #mutate}, except that a replica holding Paxos state
     * for the key refuses it, failing with {@link StrongKeyException}.
     */
    CompletableFuture<Void> write(int nodeId, byte[] key, Cell cell);

    /**
     * The writes of one transaction to one replica ({@code cells.get(i)} for {@code keys.get(i)}),
     * as {@link #write} but applied there as one step and one AOF record: after a crash it holds
     * all of them or none. Fails with {@link StrongKeyException}, applying none, when one of the
     * keys has Paxos state there.
     */
    CompletableFuture<Void> writeAll(int nodeId, java.util.List<byte[]> keys, java.util.List<Cell> cells);

    /**
     * INCRBY (or with a {@code field}, HINCRBY) applied by the replica as the owner of its counter share, after merging
     * {@code observed} (or nothing, when null) into its copy; the result's delta is stored there
     * and is what to replicate. Fails with {@link io.ringkv.storage.types.ValueRefusedException}
     * when the value cannot be incremented.
     */
    CompletableFuture<CounterIncrement.Result> increment(int nodeId, byte[] key, byte[] field, long amount,
                                                         java.math.BigDecimal decimal, Cell observed);

    /** The replica's stored cell for the key (tombstones included), or null. */
    default CompletableFuture<Cell> read(int nodeId, byte[] key) {
        return read(nodeId, key, null);
    }

    /**
     * As {@link #read(int, byte[])}, but only {@code parts} of the value (a hash's fields, see
     * {@link io.ringkv.storage.types.ValueTypes#project}); null for the whole, and
     * {@link io.ringkv.storage.types.Summary#REQUEST} for the value's summary.
     */
    CompletableFuture<Cell> read(int nodeId, byte[] key, java.util.List<byte[]> parts);
}
