package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Cheap on the write path of keys never used at STRONG: no lookup while no key has state. */
    boolean contains(byte[] key) {
        return !states.isEmpty() && states.containsKey(ByteBuffer.wrap(key));
    }

    /** Every key (as its bytes) with its state, weakly consistent with concurrent changes. */
    Iterable<Map.Entry<ByteBuffer, PaxosState>> entries() {
        return states.entrySet();
    }
}
