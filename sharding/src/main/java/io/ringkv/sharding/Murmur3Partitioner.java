package io.ringkv.sharding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cassandra's partitioner: a key's token is the first 64 bits (h1) of Murmur3 x64-128 with seed
 * 0 over its bytes. {@link Long#MIN_VALUE} is reserved as the ring's minimum and maps to
 * {@link Long#MAX_VALUE}.
 *
 * <p>Computed here without allocating, because every read and write hashes its key; the result is
 * identical to Guava's {@code Hashing.murmur3_128(0).hashBytes(key).asLong()} (a property test
 * holds the two together).
 */
public final class Murmur3Partitioner {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3Partitioner() {
    }

    public static long token(byte[] key) {
        long token = murmur3x64h1(key);
        return token == Long.MIN_VALUE ? Long.MAX_VALUE : token;
    }

    static long murmur3x64h1(byte[] data) {
        long h1 = 0;
        long h2 = 0;
        int length = data.length;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = (long) LONG_LE.get(data, i * 16);
            long k2 = (long) LONG_LE.get(data, i * 16 + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        long k1 = 0;
        long k2 = 0;
        int remaining = length & 15;
        for (int i = remaining - 1; i >= 8; i--) {
            k2 ^= (long) (data[tail + i] & 0xff) << ((i - 8) * 8);
        }
        for (int i = Math.min(remaining, 8) - 1; i >= 0; i--) {
            k1 ^= (long) (data[tail + i] & 0xff) << (i * 8);
        }
        if (remaining > 8) {
            h2 ^= mixK2(k2);
        }
        if (remaining > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        return h1 + h2;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
