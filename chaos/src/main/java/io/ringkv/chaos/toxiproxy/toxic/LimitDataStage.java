package io.ringkv.chaos.toxiproxy.toxic;

import java.util.Arrays;

/**
 * Forwards exactly {@code bytes} bytes per connection and stream, then ends the stream. The count
 * survives updates of the toxic (a raised limit lets more through), as Toxiproxy keeps its state.
 */
final class LimitDataStage implements Stage {

    private final long limitBytes;
    private long forwardedBytes;

    LimitDataStage(long limitBytes, Stage previous) {
        this.limitBytes = limitBytes;
        this.forwardedBytes = previous instanceof LimitDataStage earlier ? earlier.forwardedBytes : 0;
    }

    @Override
    public Flow onData(Piece piece) {
        long remainingBytes = Math.max(0, limitBytes - forwardedBytes);
        if (piece.size() < remainingBytes) {
            forwardedBytes += piece.size();
            return Flow.of(piece);
        }
        forwardedBytes += remainingBytes;
        if (remainingBytes == 0) {
            return Flow.endAt(piece.readyAtNanos());
        }
        Piece head = new Piece(Arrays.copyOf(piece.data(), (int) remainingBytes), piece.readyAtNanos());
        return Flow.ofThenEnd(head, piece.readyAtNanos());
    }

    long forwardedBytes() {
        return forwardedBytes;
    }
}
