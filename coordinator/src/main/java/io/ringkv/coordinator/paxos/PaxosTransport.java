package io.ringkv.coordinator.paxos;

import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import java.util.concurrent.CompletableFuture;

/** How a proposer reaches a key's acceptors, itself included. Futures fail when a replica cannot answer. */
public interface PaxosTransport {

    CompletableFuture<Promise> prepare(int nodeId, byte[] key, Ballot ballot);

    /** True when the replica accepted the proposal, false when it had promised a higher ballot. */
    CompletableFuture<Boolean> propose(int nodeId, byte[] key, Ballot ballot, Cell cell);

    CompletableFuture<Void> commit(int nodeId, byte[] key, Ballot ballot, Cell cell);
}
