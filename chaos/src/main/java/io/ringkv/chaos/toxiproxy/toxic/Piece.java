package io.ringkv.chaos.toxiproxy.toxic;

import com.google.common.base.Preconditions;

/**
 * Bytes on their way through a toxic chain, with the earliest time they may be written on.
 * The array is never modified after construction.
 */
public record Piece(byte[] data, long readyAtNanos) {

    public Piece {
        Preconditions.checkArgument(readyAtNanos >= 0, "readyAtNanos %s (expected: >= 0)", readyAtNanos);
    }

    public int size() {
        return data.length;
    }

    Piece delayedTo(long atNanos) {
        return atNanos == readyAtNanos ? this : new Piece(data, atNanos);
    }
}
