package io.ringkv.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a ring change moves: every range whose replica set differs between the old and the new
 * ring, with both sets. Streaming uses it to know what to send where, and writes go to both sets
 * while a range is pending.
 */
public final class RingDiff {
    /** A range whose replicas change from {@code before} to {@code after}. */
    public record Move(TokenRange range, List<Integer> before, List<Integer> after) {
    }

    private RingDiff() {
    }

    public static List<Move> between(Ring before, Ring after) {
        TreeSet<Long> boundaries = new TreeSet<>(before.tokens().keySet());
        boundaries.addAll(after.tokens().keySet());
        List<Move> moves = new ArrayList<>();
        if (boundaries.isEmpty()) {
            return moves;
        }
        Long previous = boundaries.last();
        for (long boundary : boundaries) {
            List<Integer> was = before.isEmpty() ? List.of() : before.replicasFor(boundary);
            List<Integer> now = after.isEmpty() ? List.of() : after.replicasFor(boundary);
            if (!new TreeSet<>(was).equals(new TreeSet<>(now))) {
                moves.add(new Move(new TokenRange(previous, boundary), was, now));
            }
            previous = boundary;
        }
        return moves;
    }
}
