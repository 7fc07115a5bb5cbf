package io.ringkv.coordinator.paxos;

import java.util.concurrent.atomic.AtomicLong;

/** Counts for {@code INFO paxos}: how often STRONG operations met contention and how they ended. */
public final class PaxosMetrics {
    final AtomicLong operations = new AtomicLong();
    final AtomicLong contended = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong inProgressCompleted = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong wholeReads = new AtomicLong();
    final AtomicLong commitsRepaired = new AtomicLong();

    public long operations() {
        return operations.get();
    }

    /** Operations that had to retry at least once because another proposer held a higher ballot. */
    public long contended() {
        return contended.get();
    }

    public long retries() {
        return retries.get();
    }

    public long inProgressCompleted() {
        return inProgressCompleted.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    /** Rounds that asked for a list's end and prepared again for the whole value, the quorum's slices differing. */
    public long wholeReads() {
        return wholeReads.get();
    }

    /** Rounds that first brought the newest commit to promisers that had not applied it. */
    public long commitsRepaired() {
        return commitsRepaired.get();
    }

    public long unavailable() {
        return unavailable.get();
    }
}
