package io.ringkv.storage.types.list;

import io.ringkv.storage.types.PositionDigit;
import java.util.Arrays;

/**
 * Where an element sits in a list: a field name that sorts (unsigned, byte by byte) in list order,
 * made of 12-byte digits (a sign-flipped long, then a node id). A pushed element's position is one
 * digit: an RPUSH's element gets its version's HLC, an LPUSH's the HLC negated, then the node id,
 * so a later push goes after every RPUSHed element, or before every LPUSHed one, that the pushing
 * node's clock had seen, and concurrent pushes through different nodes are all kept, in the same
 * order on every replica. Each element of one command takes its own version. An element inserted
 * between two neighbours (LINSERT) gets a longer position between theirs ({@link #between}),
 * ending in its own version's digit, so it is unique too.
 */
public final class ListPositions {
    public static final int BYTES = PositionDigit.BYTES;

    private ListPositions() {
    }

    /** The position of an element pushed at the head ({@code head}) or the tail, at version ({@code hlc}, {@code node}). */
    public static byte[] of(long hlc, int node, boolean head) {
        // The sign bit flipped (in digit), so unsigned byte order is numeric order.
        return digit(head ? -hlc : hlc, node);
    }

    /**
     * A position after {@code before} and before {@code after} (null: the list's head or tail),
     * neighbours as observed, ending in the digit of version ({@code hlc}, {@code node}).
     */
    public static byte[] between(byte[] before, byte[] after, long hlc, int node) {
        byte[] own = digit(hlc, node);
        if (before == null) {
            return after == null ? own : below(after, own);
        }
        if (after != null && startsWith(after, before)) {
            // after extends before: go below after's remainder, under before's prefix.
            return concat(before, below(Arrays.copyOfRange(after, before.length, after.length), own));
        }
        // Anything extending before sorts after it and, since after does not extend it, before after.
        return concat(before, own);
    }

    /** A position below {@code after}: its first digit lowered by one, then {@code own}. */
    private static byte[] below(byte[] after, byte[] own) {
        long first = PositionDigit.value(after);
        if (first == Long.MIN_VALUE) {
            if (after.length <= BYTES) {
                throw new IllegalStateException("no position below the lowest");
            }
            return concat(Arrays.copyOf(after, BYTES), below(Arrays.copyOfRange(after, BYTES, after.length), own));
        }
        return concat(PositionDigit.of(first - 1, 0), own);
    }

    private static byte[] digit(long value, int node) {
        return PositionDigit.of(value, node);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length > prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** List order. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
