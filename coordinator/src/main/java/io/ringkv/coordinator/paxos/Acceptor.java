package io.ringkv.coordinator.paxos;

import com.google.common.util.concurrent.Striped;
import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.PaxosState;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.list.ListSlice;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;

/**
 * The replica side of Paxos for every key this node holds. Each decision reads and replaces the
 * key's state under the key's lock, so two rounds never interleave on one key; the answer goes
 * out only once the new state is durable.
 */
public final class Acceptor {
    private final PaxosReplicaStore store;
    private final Striped<Lock> locks = Striped.lock(256);

    public Acceptor(PaxosReplicaStore store) {
        this.store = store;
    }

    /** Runs a decision on the key's state under the key's lock. */
    private <T> CompletableFuture<T> locked(byte[] key, java.util.function.Function<PaxosState, CompletableFuture<T>> decide) {
        Lock lock = locks.get(Arrays.hashCode(key));
        lock.lock();
        try {
            return decide.apply(store.state(key));
        } finally {
            lock.unlock();
        }
    }

    public CompletableFuture<Promise> prepare(byte[] key, Ballot ballot) {
        return prepare(key, ballot, null);
    }

    /** With a {@code dataSlice}, the promise carries only that slice of the stored list (null: the whole cell). */
    public CompletableFuture<Promise> prepare(byte[] key, Ballot ballot, ListSlice dataSlice) {
        return locked(key, state -> {
            if (!ballot.isAfter(state.promised())) {
                return CompletableFuture.completedFuture(Promise.refused(state.promised()));
            }
            PaxosState promised = new PaxosState(ballot, state.accepted(), state.acceptedCell(), state.committed());
            Cell data = store.read(key);
            if (dataSlice != null) {
                data = ValueTypes.project(data, dataSlice);
            }
            Promise answer = Promise.granted(ballot, state.accepted(), state.acceptedCell(), state.committed(), data);
            return store.saveState(key, promised).thenApply(durable -> answer);
        });
    }

    /** True when accepted: the ballot is at least the key's promise. */
    public CompletableFuture<Boolean> propose(byte[] key, Ballot ballot, Cell cell) {
        return locked(key, state -> {
            if (state.promised().isAfter(ballot)) {
                return CompletableFuture.completedFuture(false);
            }
            return store.saveState(key, new PaxosState(ballot, ballot, cell, state.committed()))
                    .thenApply(durable -> true);
        });
    }

    /** Applies a chosen proposal's cell and records the commit; an older commit changes no state. */
    public CompletableFuture<Void> commit(byte[] key, Ballot ballot, Cell cell) {
        return locked(key, state -> {
            CompletableFuture<?> applied = store.apply(key, cell);
            if (!ballot.isAfter(state.committed())) {
                return applied.thenApply(done -> null);
            }
            boolean settlesAccepted = !state.accepted().isAfter(ballot);
            PaxosState next = new PaxosState(state.promised(),
                    settlesAccepted ? Ballot.NONE : state.accepted(),
                    settlesAccepted ? null : state.acceptedCell(), ballot);
            return CompletableFuture.allOf(applied, store.saveState(key, next));
        });
    }
}
