package io.ringkv.storage;

/**
 * A Paxos ballot: an HLC timestamp with the proposing coordinator's node id as tie-break, so
 * ballots from different coordinators never collide and order like versions. {@link #NONE} is
 * below every real ballot.
 */
public record Ballot(long hlc, int nodeId) implements Comparable<Ballot> {
    public static final Ballot NONE = new Ballot(0, 0);

    @Override
    public int compareTo(Ballot other) {
        int c = Long.compare(hlc, other.hlc);
        return c != 0 ? c : Integer.compare(nodeId, other.nodeId);
    }

    public boolean isAfter(Ballot other) {
        return compareTo(other) > 0;
    }

    public boolean isNone() {
        return hlc == 0 && nodeId == 0;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : hlc + "@" + nodeId;
    }
}
