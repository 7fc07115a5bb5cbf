package io.ringkv.coordinator.kv;

import java.util.Arrays;

/**
 * A key's bytes with value equality, for maps and lock striping. The hash is computed once: one
 * request looks a key up in several maps.
 */
public final class KeyIdentity {
    private final byte[] bytes;
    private final int hash;

    public KeyIdentity(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyIdentity other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
