package io.ringkv.coordinator.kv;

import com.google.common.util.concurrent.Striped;
import java.util.concurrent.locks.Lock;

/**
 * A lock per key (striped), for the read-compute-apply steps that must not interleave on this
 * node: a single node's read-modify-writes, and the increments this node applies as a counter's
 * owner. One instance per node, shared by both, so an INCR and an APPEND of one key never
 * interleave.
 */
public final class KeyLocks {
    private static final int STRIPES = 1024;

    private final Striped<Lock> locks = Striped.lock(STRIPES);

    public Lock of(byte[] key) {
        return locks.get(new KeyIdentity(key));
    }
}
