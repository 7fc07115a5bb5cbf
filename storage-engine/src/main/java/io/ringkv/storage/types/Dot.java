package io.ringkv.storage.types;

import io.ringkv.storage.Cell;

/**
 * The identity of one write inside a typed value: the HLC and node id of the coordinator that made
 * it, ordered as cell versions are. Unique per write, so a removal can name exactly the writes it
 * observed and leave concurrent ones alone.
 */
public record Dot(long hlc, int node) implements Comparable<Dot> {
    /** Before every real dot: the floor of a value no delete has touched. */
    public static final Dot ZERO = new Dot(0, 0);

    public static Dot of(Cell cell) {
        return new Dot(cell.hlc(), cell.nodeId());
    }

    @Override
    public int compareTo(Dot other) {
        return Cell.compareVersions(hlc, node, false, other.hlc, other.node, false);
    }

    public boolean atOrBefore(Dot other) {
        return compareTo(other) <= 0;
    }

    public static Dot max(Dot a, Dot b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
