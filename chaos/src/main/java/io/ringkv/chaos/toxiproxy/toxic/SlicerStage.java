package io.ringkv.chaos.toxiproxy.toxic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Cuts each piece into slices of about {@code averageSize ± sizeVariation} bytes, released
 * {@code delay} µs apart (and the stage stays busy for one more delay after the last slice, as in
 * Toxiproxy). Slices come from halving: a range larger than average + variation is split near its
 * middle, moved by a random offset within the variation.
 */
final class SlicerStage implements Stage {

    private final int averageBytes;
    private final int variationBytes;
    private final long delayNanos;
    private final Random random;
    private long busyUntilNanos;

    SlicerStage(long averageBytes, long variationBytes, long delayMicros, Random random) {
        this.averageBytes = (int) Math.min(Integer.MAX_VALUE, averageBytes);
        this.variationBytes = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(0, variationBytes));
        this.delayNanos = Nanos.ofMicros(delayMicros);
        this.random = random;
    }

    @Override
    public Flow onData(Piece piece) {
        if (averageBytes <= 0) {
            return Flow.of(piece);
        }
        long atNanos = Math.max(piece.readyAtNanos(), busyUntilNanos);
        List<Piece> slices = new ArrayList<>();
        int from = 0;
        for (int to : cutPoints(piece.size())) {
            slices.add(new Piece(Arrays.copyOfRange(piece.data(), from, to), atNanos));
            atNanos = Nanos.plus(atNanos, delayNanos);
            from = to;
        }
        busyUntilNanos = atNanos;
        return Flow.of(slices);
    }

    /** Ends of the slices of {@code [0, size)}, ascending, the last one being {@code size}. */
    List<Integer> cutPoints(int size) {
        List<Integer> ends = new ArrayList<>();
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {0, size});
        // Each split makes both halves strictly smaller, so this ends after fewer than `size` splits.
        while (!ranges.isEmpty()) {
            int[] range = ranges.pop();
            int start = range[0];
            int end = range[1];
            if (end - start - averageBytes <= variationBytes) {
                ends.add(end);
                continue;
            }
            int middle = clamp(start + (end - start) / 2 + offset(), start + 1, end - 1);
            ranges.push(new int[] {middle, end});
            ranges.push(new int[] {start, middle});
        }
        return ends;
    }

    private int offset() {
        return variationBytes == 0 ? 0 : random.nextInt(2 * variationBytes) - variationBytes;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
