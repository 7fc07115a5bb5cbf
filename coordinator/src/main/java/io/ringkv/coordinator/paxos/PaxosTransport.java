package io.ringkv.coordinator.paxos;

import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.list.ListSlice;
import java.util.concurrent.CompletableFuture;

/** How a proposer reaches a key's acceptors, itself included. Futures fail when a replica cannot answer. */
public interface PaxosTransport {

    /** With a {@code dataSlice}, the promise's data is that slice of a list, not the whole value (null: whole). */
    CompletableFuture<Promise> prepare(int nodeId, byte[] key, Ballot ballot, ListSlice dataSlice);

    /** True when the replica accepted the proposal, false when it had promised a higher ballot. */
    CompletableFuture<Boolean> propose(int nodeId, byte[] key, Ballot ballot, Cell cell);

    CompletableFuture<Void> commit(int nodeId, byte[] key, Ballot ballot, Cell cell);
}
