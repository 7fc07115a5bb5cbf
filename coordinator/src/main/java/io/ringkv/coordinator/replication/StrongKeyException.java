package io.ringkv.coordinator.replication;

import io.ringkv.coordinator.kv.ConsistencyException;

/**
 * A replica refused a client's write below STRONG because the key has Paxos state: mixing levels
 * on one key would let a plain write slip between Paxos rounds, so it is refused, never mixed.
 */
public final class StrongKeyException extends ConsistencyException {

    public StrongKeyException() {
        super("ERR this key is written at STRONG (it has Paxos state): use STRONG for it, mixing levels on a key is unsafe");
    }

    /** True when {@code failure} or one of its causes is a refusal of this kind. */
    static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StrongKeyException) {
                return true;
            }
        }
        return false;
    }
}
