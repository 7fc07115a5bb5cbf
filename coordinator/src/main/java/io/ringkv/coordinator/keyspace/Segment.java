package io.ringkv.coordinator.keyspace;

import io.ringkv.sharding.TokenRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A stretch of the token space, (startExclusive, endInclusive], with the replicas that hold it. The
 * first segment starts at the smallest token and is written with {@code startExclusive =
 * Long.MAX_VALUE} (no token is above it, so the wrapping range it describes starts at
 * {@code Long.MIN_VALUE}). Segments in order cover every token once: SCAN's order.
 */
record Segment(long startExclusive, long endInclusive, List<Integer> replicas) {

    /** The segment's first token. */
    long first() {
        return startExclusive == Long.MAX_VALUE ? Long.MIN_VALUE : startExclusive + 1;
    }

    boolean contains(long token) {
        return Long.compare(token, first()) >= 0 && Long.compare(token, endInclusive) <= 0;
    }

    /** The whole token space on the nodes given (a single node). */
    static List<Segment> whole(List<Integer> replicas) {
        return List.of(new Segment(Long.MAX_VALUE, Long.MAX_VALUE, replicas));
    }

    /** The ring's ranges as segments in token order, the wrapping range split at the largest token. */
    static List<Segment> of(List<TokenRange> ranges, Function<Long, List<Integer>> replicasOfEnd) {
        List<Segment> segments = new ArrayList<>();
        for (TokenRange range : ranges) {
            List<Integer> replicas = replicasOfEnd.apply(range.end());
            if (range.start() < range.end()) {
                segments.add(new Segment(range.start(), range.end(), replicas));
            } else {
                if (range.start() != Long.MAX_VALUE) {
                    segments.add(new Segment(range.start(), Long.MAX_VALUE, replicas));
                }
                segments.add(new Segment(Long.MAX_VALUE, range.end(), replicas));
            }
        }
        segments.sort(Comparator.comparingLong(Segment::first));
        return segments;
    }
}
