package io.ringkv.repair;

import java.util.Arrays;

/** An append-only list of key references, safe for one or more writers and readers. */
public final class KeyList {
    private byte[][] keys = new byte[8][];
    private int size;

    public synchronized void add(byte[] key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    /** The keys added so far. */
    public synchronized byte[][] snapshot() {
        return Arrays.copyOf(keys, size);
    }

    public synchronized int size() {
        return size;
    }
}
