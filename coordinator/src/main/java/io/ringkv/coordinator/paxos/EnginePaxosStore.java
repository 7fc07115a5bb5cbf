package io.ringkv.coordinator.paxos;

import io.ringkv.storage.Cell;
import io.ringkv.storage.PaxosState;
import io.ringkv.storage.StorageEngine;
import java.util.concurrent.CompletableFuture;

/** A node's acceptor state in its storage engine: cells in the store, Paxos state in the AOF. */
public final class EnginePaxosStore implements PaxosReplicaStore {
    private final StorageEngine engine;

    public EnginePaxosStore(StorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public Cell read(byte[] key) {
        return engine.read(key);
    }

    @Override
    public PaxosState state(byte[] key) {
        return engine.paxosState(key);
    }

    @Override
    public CompletableFuture<?> saveState(byte[] key, PaxosState state) {
        return engine.writePaxosState(key, state);
    }

    @Override
    public CompletableFuture<?> apply(byte[] key, Cell cell) {
        return engine.write(key, cell);
    }
}
