package io.ringkv.storage;

import java.util.Arrays;

/**
 * A key with its token (the partitioner's hash, computed once), ordered by token then unsigned
 * bytes: the order of token-range iteration. Hashes by token, which is already well mixed.
 */
final class StoreKey implements Comparable<StoreKey> {
    final long token;
    final byte[] bytes;

    StoreKey(long token, byte[] bytes) {
        this.token = token;
        this.bytes = bytes;
    }

    @Override
    public int compareTo(StoreKey other) {
        int c = Long.compare(token, other.token);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey other && token == other.token && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(token);
    }
}
