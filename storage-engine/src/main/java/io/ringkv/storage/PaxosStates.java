package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Every key's Paxos state in memory. A state replaces the previous one (no merge), so the AOF
 * order of a key's records is the order of its changes: {@link #put} runs {@code whileHeld}
 * (the append) inside the key's map entry lock.
 */
final class PaxosStates {
    private final ConcurrentHashMap<ByteBuffer, PaxosState> states = new ConcurrentHashMap<>();

    PaxosState get(byte[] key) {
        return states.getOrDefault(ByteBuffer.wrap(key), PaxosState.EMPTY);
    }

    void put(byte[] key, PaxosState state, Runnable whileHeld) {
        states.compute(ByteBuffer.wrap(key.clone()), (k, old) -> {
            whileHeld.run();
            return state;
        });
    }

    void restore(byte[] key, PaxosState state) {
        states.put(ByteBuffer.wrap(key), state);
    }

    int size() {
        return states.size();
    }

    void forEach(BiConsumer<byte[], PaxosState> action) {
        for (Map.Entry<ByteBuffer, PaxosState> entry : states.entrySet()) {
            action.accept(entry.getKey().array(), entry.getValue());
        }
    }
}
