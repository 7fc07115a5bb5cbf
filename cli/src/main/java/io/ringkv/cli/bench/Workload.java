package io.ringkv.cli.bench;

import java.util.Locale;

/** YCSB's core workloads that a key-value store can run: the share of reads among operations. */
public enum Workload {
    /** Update heavy: 50% reads, 50% updates. */
    A(0.50),
    /** Read mostly: 95% reads, 5% updates. */
    B(0.95),
    /** Read only. */
    C(1.00);

    private final double readShare;

    Workload(double readShare) {
        this.readShare = readShare;
    }

    public boolean nextIsRead(double uniform) {
        return uniform < readShare;
    }

    public static Workload parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workload must be A, B or C, got '" + text + "'");
        }
    }
}
