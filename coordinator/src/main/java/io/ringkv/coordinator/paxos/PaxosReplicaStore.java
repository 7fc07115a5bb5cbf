package io.ringkv.coordinator.paxos;

import io.ringkv.storage.Cell;
import io.ringkv.storage.PaxosState;
import java.util.concurrent.CompletableFuture;

/** What an acceptor keeps: the key's cell and its Paxos state. Futures complete when durable. */
public interface PaxosReplicaStore {

    Cell read(byte[] key);

    PaxosState state(byte[] key);

    CompletableFuture<?> saveState(byte[] key, PaxosState state);

    /** Merges a committed cell into the key by last-write-wins. */
    CompletableFuture<?> apply(byte[] key, Cell cell);
}
