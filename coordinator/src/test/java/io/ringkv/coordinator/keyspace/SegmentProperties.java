package io.ringkv.coordinator.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.sharding.Ring;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The scanner's walk order: segments cover every token exactly once, in order; cursors round-trip. */
class SegmentProperties {

    @Property(tries = 200)
    void segmentsCoverTheTokenSpaceInOrder(@ForAll @Size(min = 1, max = 40) Set<Long> tokens,
                                           @ForAll @IntRange(min = 1, max = 5) int nodes) {
        Ring ring = Ring.empty(Math.min(3, nodes));
        List<Long> all = List.copyOf(new TreeSet<>(tokens));
        for (int node = 1; node <= nodes; node++) {
            List<Long> own = new java.util.ArrayList<>();
            for (int i = node - 1; i < all.size(); i += nodes) {
                own.add(all.get(i));
            }
            if (!own.isEmpty()) {
                ring = ring.withNode(node, own);
            }
        }
        Ring built = ring;
        List<Segment> segments = Segment.of(built.ranges(), built::replicasFor);
        assertThat(segments.get(0).first()).isEqualTo(Long.MIN_VALUE);
        assertThat(segments.get(segments.size() - 1).endInclusive()).isEqualTo(Long.MAX_VALUE);
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).first()).as("no gap, no overlap").isEqualTo(segments.get(i - 1).endInclusive() + 1);
        }
        for (Segment segment : segments) {
            assertThat(segment.replicas()).isEqualTo(built.replicasFor(segment.endInclusive()));
        }
        for (long token : tokens) {
            assertThat(segments.stream().filter(s -> s.contains(token))).hasSize(1);
        }
    }

    @Property
    void aCursorResumesAtItsToken(@ForAll long token) {
        if (token != Long.MAX_VALUE) {
            long cursor = KeyspaceScanner.cursor(token);
            assertThat(cursor).isNotZero();
            assertThat(KeyspaceScanner.position(cursor)).isEqualTo(token);
        }
        assertThat(KeyspaceScanner.position(0)).isEqualTo(Long.MIN_VALUE);
    }
}
