package io.ringkv.sharding;

/**
 * The tokens in {@code (start, end]}, wrapping past {@link Long#MAX_VALUE} to {@link Long#MIN_VALUE}
 * when {@code start >= end}; {@code start == end} is the whole ring (Cassandra's convention).
 */
public record TokenRange(long start, long end) {
    private static final double RING_SIZE = Math.pow(2, 64);

    public boolean contains(long token) {
        if (start < end) {
            return token > start && token <= end;
        }
        return token > start || token <= end;
    }

    /** Number of tokens in the range as an unsigned count (the whole ring counts as 2^64). */
    public double width() {
        long span = end - start;
        if (span == 0) {
            return RING_SIZE;
        }
        // Unsigned reading of the two's-complement difference gives the clockwise distance.
        return span > 0 ? span : span + RING_SIZE;
    }

    /** The share of the ring this range covers, from 0 (exclusive) to 1. */
    public double fraction() {
        return width() / RING_SIZE;
    }

    @Override
    public String toString() {
        return "(" + start + ", " + end + "]";
    }
}
