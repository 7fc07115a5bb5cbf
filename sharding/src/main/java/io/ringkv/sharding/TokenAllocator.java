package io.ringkv.sharding;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses a joining node's vnode tokens so that ownership stays balanced, instead of at random.
 *
 * <p>The first node gets evenly spaced tokens from a seeded offset. A later node targets an equal
 * share, 1/(n+1) of the ring, taken in {@code numTokens} equal slices: each slice is carved from
 * the start of the largest range of whichever node currently owns the most, so every existing
 * node gives up about the same amount. Deterministic for a given ring, count and seed.
 */
public final class TokenAllocator {
    private static final double RING_SIZE = Math.pow(2, 64);
    /** Never take more than this share of one range, so the old owner keeps a sliver and tokens stay distinct. */
    private static final double MAX_SLICE_OF_RANGE = 0.9;

    private TokenAllocator() {
    }

    public static List<Long> allocate(Ring ring, int nodeId, int numTokens, long seed) {
        Preconditions.checkArgument(numTokens >= 1, "num_tokens must be >= 1, got %s", numTokens);
        if (ring.isEmpty()) {
            return evenlySpaced(numTokens, new Random(seed).nextLong());
        }
        int nodesAfter = ring.nodes().size() + 1;
        double slice = 1.0 / nodesAfter / numTokens;
        List<Long> tokens = new ArrayList<>(numTokens);
        Ring working = ring;
        for (int i = 0; i < numTokens; i++) {
            long token = carve(working, nodeId, slice);
            tokens.add(token);
            working = working.withoutNode(nodeId).withNode(nodeId, tokens);
        }
        return tokens;
    }

    /** Chooses where the next vnode ends: {@code slice} of the ring after the start of a loaded range. */
    private static long carve(Ring ring, int joiningNode, double slice) {
        Map<Integer, Double> ownership = ring.primaryOwnership();
        int donor = -1;
        double most = -1;
        for (Map.Entry<Integer, Double> e : ownership.entrySet()) {
            if (e.getKey() != joiningNode && e.getValue() > most) {
                most = e.getValue();
                donor = e.getKey();
            }
        }
        TokenRange largest = null;
        for (TokenRange range : ring.primaryRanges(donor)) {
            if (largest == null || range.width() > largest.width()) {
                largest = range;
            }
        }
        double take = Math.min(slice, largest.fraction() * MAX_SLICE_OF_RANGE);
        return largest.start() + Math.max(1, unsignedSteps(take));
    }

    /** {@code fraction * 2^64} as the long whose unsigned value it is; token arithmetic wraps mod 2^64. */
    private static long unsignedSteps(double fraction) {
        return fraction < 0.5 ? (long) (fraction * RING_SIZE) : (long) ((fraction - 1) * RING_SIZE);
    }

    private static List<Long> evenlySpaced(int count, long offset) {
        List<Long> tokens = new ArrayList<>(count);
        long spacing = Long.divideUnsigned(-1L, count);
        for (int i = 0; i < count; i++) {
            tokens.add(offset + spacing * i);
        }
        return tokens;
    }
}
