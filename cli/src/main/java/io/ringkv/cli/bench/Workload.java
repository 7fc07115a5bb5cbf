package io.ringkv.cli.bench;

import java.util.Locale;

/**
 * YCSB's core workloads that a key-value store can run (the share of reads among operations), and
 * T: transactions of MULTI, three SETs and EXEC, each one operation of five replies.
 */
public enum Workload {
    /** Update heavy: 50% reads, 50% updates. */
    A(0.50, 1),
    /** Read mostly: 95% reads, 5% updates. */
    B(0.95, 1),
    /** Read only. */
    C(1.00, 1),
    /** MULTI, SET, SET, SET, EXEC: one transaction is one operation; its latency ends at EXEC's reply. */
    T(0.00, 5);

    private final double readShare;
    private final int replies;

    Workload(double readShare, int replies) {
        this.readShare = readShare;
        this.replies = replies;
    }

    /** Replies one operation gets: 1, or 5 for a transaction (OK, QUEUED x 3, EXEC's array). */
    public int repliesPerOperation() {
        return replies;
    }

    public boolean nextIsRead(double uniform) {
        return uniform < readShare;
    }

    public static Workload parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workload must be A, B, C or T, got '" + text + "'");
        }
    }
}
