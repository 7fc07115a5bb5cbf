package io.ringkv.storage.types;

import io.ringkv.storage.Cell;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a replica ships for a count of a value's parts (SCARD, HLEN) instead of the parts: the type
 * a reader sees, how many parts it holds, and the digest of the whole state, in a cell carrying the
 * value's version and expiry. The coordinator compares the summaries of the replicas it asked: equal
 * ones answer the count, and only when they differ does it read the whole value (and repair it).
 * A summary is compared, never merged or stored.
 *
 * @param seenAs the tag a reader sees: the value's own type, or {@link Cell#STRING} when a SET
 *               outdated its parts and its string is live
 * @param count  parts holding a value
 * @param digest {@link ValueTypes#digest} of the whole state
 */
public record Summary(byte seenAs, long count, long digest) {
    /** The tag of summary cells; no stored value has it. */
    public static final byte TAG = 127;

    /**
     * The parts argument of {@code KeyValueService.read} that asks for summaries, recognised by
     * identity (an empty list a caller builds is a projection on no parts, not this).
     */
    public static final List<byte[]> REQUEST = Collections.unmodifiableList(new ArrayList<>());

    private static final int BYTES = 1 + Long.BYTES + Long.BYTES;

    /**
     * As {@link #REQUEST}, for a reply that may count loosely (a push's length): when the replicas'
     * summaries differ, the reader takes the one that counts most instead of reading the whole value.
     */
    public static final List<byte[]> LARGEST = Collections.unmodifiableList(new ArrayList<>());

    /** True for the {@link #REQUEST} and {@link #LARGEST} markers. */
    public static boolean isRequest(java.util.Collection<byte[]> parts) {
        return parts == REQUEST || parts == LARGEST;
    }

    /** This summary in a cell with {@code of}'s version and expiry. */
    public Cell toCell(Cell of) {
        byte[] bytes = ByteBuffer.allocate(BYTES).put(seenAs).putLong(count).putLong(digest).array();
        return Cell.typed(of.hlc(), of.nodeId(), TAG, bytes, of.expiresAtMs());
    }

    /** The summary in a cell made by {@link #toCell}. */
    public static Summary of(Cell cell) {
        if (cell.type() != TAG) {
            throw new IllegalArgumentException("not a summary: type " + cell.type());
        }
        ByteBuffer in = ByteBuffer.wrap(cell.value());
        return new Summary(in.get(), in.getLong(), in.getLong());
    }

    /** What TYPE answers for a live cell a read for a summary answered (a summary, or the value itself). */
    public static String typeName(Cell cell) {
        if (cell.type() != TAG) {
            return ValueTypes.name(cell);
        }
        byte seenAs = of(cell).seenAs();
        return seenAs == Cell.STRING ? "string" : ValueTypes.of(seenAs).name();
    }

    /** The registered type of summary cells, so they can travel as cells; it refuses everything a stored value does. */
    static final class Type implements ValueType {
        static final Type INSTANCE = new Type();

        @Override
        public byte tag() {
            return TAG;
        }

        @Override
        public String name() {
            return "summary";
        }

        @Override
        public Cell merge(Cell a, Cell b) {
            throw new IllegalStateException("a summary is compared, not merged");
        }

        @Override
        public boolean hasContent(Cell cell) {
            Summary summary = of(cell);
            return summary.count() > 0 || summary.seenAs() == Cell.STRING;
        }

        @Override
        public Cell withExpiry(Cell cell, Dot version, long expiresAtMs) {
            throw new IllegalStateException("a summary is not stored");
        }

        @Override
        public byte[] stringValue(Cell cell) {
            throw ValueRefusedException.wrongType();
        }
    }
}
