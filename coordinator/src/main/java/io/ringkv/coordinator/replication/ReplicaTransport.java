package io.ringkv.coordinator.replication;

import io.ringkv.storage.Cell;
import java.util.concurrent.CompletableFuture;

/**
 * How a coordinator reaches a replica, itself included. gRPC implements it between nodes; tests
 * and simulations can put anything in between. Futures fail when the replica cannot answer.
 */
public interface ReplicaTransport {

    CompletableFuture<Void> mutate(int nodeId, byte[] key, Cell cell);

    /** The replica's stored cell for the key (tombstones included), or null. */
    CompletableFuture<Cell> read(int nodeId, byte[] key);
}
