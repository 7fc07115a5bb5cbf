package io.ringkv.sharding;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

/**
 * Cassandra's partitioner: a key's token is the first 64 bits of Murmur3 x64-128 (seed 0) of its
 * bytes. {@link Long#MIN_VALUE} is reserved as the ring's minimum and maps to {@link Long#MAX_VALUE}.
 */
public final class Murmur3Partitioner {
    private static final HashFunction MURMUR3 = Hashing.murmur3_128(0);

    private Murmur3Partitioner() {
    }

    public static long token(byte[] key) {
        long token = MURMUR3.hashBytes(key).asLong();
        return token == Long.MIN_VALUE ? Long.MAX_VALUE : token;
    }
}
