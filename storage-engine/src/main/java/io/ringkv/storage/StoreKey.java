package io.ringkv.storage;

import java.util.Arrays;

/**
 * A key as the store orders it: by token (the partitioner's hash), then by unsigned bytes, so
 * that a token range is a contiguous slice of the map.
 */
final class StoreKey implements Comparable<StoreKey> {
    final long token;
    final byte[] bytes;

    StoreKey(long token, byte[] bytes) {
        this.token = token;
        this.bytes = bytes;
    }

    /** The smallest key with this token, for range bounds. */
    static StoreKey lowest(long token) {
        return new StoreKey(token, null);
    }

    @Override
    public int compareTo(StoreKey other) {
        int c = Long.compare(token, other.token);
        if (c != 0) {
            return c;
        }
        if (bytes == null || other.bytes == null) {
            return bytes == other.bytes ? 0 : bytes == null ? -1 : 1;
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
