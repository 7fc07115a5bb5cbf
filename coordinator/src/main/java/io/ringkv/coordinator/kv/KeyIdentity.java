package io.ringkv.coordinator.kv;

import java.util.Arrays;

/** A key's bytes with value equality, for maps and lock striping. */
record KeyIdentity(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyIdentity other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
