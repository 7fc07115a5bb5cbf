package io.ringkv.coordinator.simulation;

import java.util.Arrays;
import java.util.List;

/** The simulations' check of "the acknowledged ones plus some of the uncertain ones". */
final class SubsetSums {
    private SubsetSums() {
    }

    /** Every sum of a subset of {@code amounts} (small integers), as a set of longs. */
    static java.util.Set<Long> of(List<Long> amounts) {
        int span = amounts.stream().mapToInt(a -> (int) Math.abs(a)).sum();
        boolean[] reachable = new boolean[2 * span + 1];
        reachable[span] = true;
        for (long amount : amounts) {
            boolean[] next = Arrays.copyOf(reachable, reachable.length);
            for (int i = 0; i < reachable.length; i++) {
                if (reachable[i] && i + amount >= 0 && i + amount < reachable.length) {
                    next[(int) (i + amount)] = true;
                }
            }
            reachable = next;
        }
        java.util.Set<Long> sums = new java.util.HashSet<>();
        for (int i = 0; i < reachable.length; i++) {
            if (reachable[i]) {
                sums.add((long) (i - span));
            }
        }
        return sums;
    }
}
