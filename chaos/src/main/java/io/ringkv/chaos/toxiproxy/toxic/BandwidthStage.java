package io.ringkv.chaos.toxiproxy.toxic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Caps throughput at {@code rate} KB/s (1 KB = 1000 bytes, so the rate is also bytes per ms). Like
 * Toxiproxy it releases data in slices of 100 ms worth, each at the time the bytes up to its end
 * have "paid" for their transfer; the link is busy until the last byte of a piece has paid.
 */
final class BandwidthStage implements Stage {

    private static final long SLICE_MS = 100;

    private final long bytesPerMs;
    private long busyUntilNanos;

    BandwidthStage(long rateKbPerSecond) {
        this.bytesPerMs = rateKbPerSecond;
    }

    @Override
    public Flow onData(Piece piece) {
        if (bytesPerMs <= 0) {
            return Flow.of(piece);
        }
        long startNanos = Math.max(piece.readyAtNanos(), busyUntilNanos);
        int sliceBytes = (int) Math.min(Integer.MAX_VALUE, bytesPerMs * SLICE_MS);
        List<Piece> slices = new ArrayList<>();
        for (int from = 0; from < piece.size(); from += sliceBytes) {
            int to = (int) Math.min(piece.size(), (long) from + sliceBytes);
            slices.add(new Piece(Arrays.copyOfRange(piece.data(), from, to), startNanos + transferNanos(to)));
        }
        busyUntilNanos = startNanos + transferNanos(piece.size());
        return Flow.of(slices);
    }

    private long transferNanos(long bytes) {
        return bytes * 1_000_000L / bytesPerMs;
    }
}
