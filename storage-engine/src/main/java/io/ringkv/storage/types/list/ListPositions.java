package io.ringkv.storage.types.list;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Where an element sits in a list: a 12-byte field name that sorts (unsigned, byte by byte) in
 * list order. An RPUSH's element gets its version's HLC, an LPUSH's the HLC negated, then the
 * node id: a later push goes after every RPUSHed element, or before every LPUSHed one, that the
 * pushing node's clock had seen, and concurrent pushes through different nodes are all kept, in
 * the same order on every replica. Each element of one command takes its own version.
 */
public final class ListPositions {
    public static final int BYTES = 12;

    private ListPositions() {
    }

    /** The position of an element pushed at the head ({@code head}) or the tail, at version ({@code hlc}, {@code node}). */
    public static byte[] of(long hlc, int node, boolean head) {
        long key = head ? -hlc : hlc;
        // The sign bit flipped, so unsigned byte order is numeric order.
        return ByteBuffer.allocate(BYTES).putLong(key ^ Long.MIN_VALUE).putInt(node).array();
    }

    /** List order. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
