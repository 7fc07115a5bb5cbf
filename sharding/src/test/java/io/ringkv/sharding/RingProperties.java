package io.ringkv.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of the ring: placement, balance, and what a change moves. */
class RingProperties {
    private static final int NUM_TOKENS = 16;

    static Ring grow(int nodes, int replicationFactor, long seed) {
        Ring ring = Ring.empty(replicationFactor);
        for (int node = 1; node <= nodes; node++) {
            ring = ring.withNode(node, TokenAllocator.allocate(ring, node, NUM_TOKENS, seed + node));
        }
        return ring;
    }

    static double spread(Map<Integer, Double> shares) {
        double max = shares.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = shares.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return max / min;
    }

    @Property(tries = 20)
    void allocatedTokensKeepPrimaryOwnershipWithin15Percent(@ForAll @IntRange(min = 3, max = 12) int nodes,
                                                            @ForAll long seed) {
        Ring ring = grow(nodes, 3, seed);
        assertThat(ring.primaryOwnership()).hasSize(nodes);
        assertThat(spread(ring.primaryOwnership())).isLessThan(1.15);
    }

    @Property(tries = 20)
    void replicasAreDistinctAndStartWithThePrimaryOwner(@ForAll @IntRange(min = 1, max = 8) int nodes,
                                                        @ForAll @IntRange(min = 1, max = 5) int replicationFactor,
                                                        @ForAll long token) {
        Ring ring = grow(nodes, replicationFactor, 7);
        List<Integer> replicas = ring.replicasFor(token);
        assertThat(replicas).hasSize(Math.min(replicationFactor, nodes)).doesNotHaveDuplicates();
        assertThat(replicas.get(0)).isEqualTo(ring.tokens().get(ring.primaryToken(token)));
        TokenRange range = ring.rangeEndingAt(ring.primaryToken(token));
        assertThat(range.contains(token)).isTrue();
        assertThat(ring.replicasFor(range.end())).isEqualTo(replicas);
    }

    @Property(tries = 10)
    void rangesCoverTheRingExactlyOnce(@ForAll @IntRange(min = 1, max = 6) int nodes) {
        Ring ring = grow(nodes, 3, 11);
        double total = ring.ranges().stream().mapToDouble(TokenRange::fraction).sum();
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ring.replicatedOwnership().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(Math.min(3, nodes), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Property(tries = 10)
    void ringDiffReportsExactlyTheKeysWhoseReplicasChange(@ForAll @IntRange(min = 1, max = 6) int nodes,
                                                          @ForAll long seed) {
        Ring before = grow(nodes, 3, seed);
        int joining = nodes + 1;
        Ring after = before.withNode(joining, TokenAllocator.allocate(before, joining, NUM_TOKENS, seed));
        List<RingDiff.Move> moves = RingDiff.between(before, after);
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            byte[] key = ("key-" + random.nextLong()).getBytes(StandardCharsets.UTF_8);
            long token = Murmur3Partitioner.token(key);
            boolean changed = !new HashSet<>(before.replicasFor(token)).equals(new HashSet<>(after.replicasFor(token)));
            boolean reported = moves.stream().anyMatch(m -> m.range().contains(token));
            assertThat(reported).as("token %s", token).isEqualTo(changed);
        }
    }

    @Property(tries = 5)
    void ringsAreValuesThatChangesDoNotMutate(@ForAll @IntRange(min = 2, max = 5) int nodes) {
        Ring ring = grow(nodes, 3, 3);
        Ring copy = grow(nodes, 3, 3);
        Ring without = ring.withoutNode(1);
        assertThat(ring).isEqualTo(copy);
        assertThat(without.nodes()).doesNotContain(1);
        assertThat(ring.nodes()).contains(1);
    }

    @Property(tries = 5)
    void randomTokensAreMuchLessBalanced(@ForAll @IntRange(min = 6, max = 12) int nodes) {
        int overLimit = 0;
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            Ring ring = Ring.empty(3);
            for (int node = 1; node <= nodes; node++) {
                List<Long> tokens = new ArrayList<>();
                for (int i = 0; i < NUM_TOKENS; i++) {
                    tokens.add(random.nextLong());
                }
                ring = ring.withNode(node, tokens);
            }
            if (spread(ring.primaryOwnership()) >= 1.15) {
                overLimit++;
            }
        }
        assertThat(overLimit).isGreaterThan(15);
    }
}
