package io.ringkv.chaos.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

/**
 * The faults a node applies to its own internode traffic: a delay and a drop rate per peer (or for
 * every peer), and the set of peers it is partitioned from. Thread-safe; cleared by {@link #heal()}
 * or a restart (faults are never persisted).
 */
public final class FaultRules {
    /** Key for a rule that applies to every peer. */
    public static final int ALL_PEERS = 0;

    private final Map<Integer, Long> delayMs = new TreeMap<>();
    private final Map<Integer, Double> dropPercent = new TreeMap<>();
    private final Set<Integer> partitioned = new TreeSet<>();
    private final DoubleSupplier random;

    public FaultRules(DoubleSupplier random) {
        this.random = random;
    }

    public synchronized void delay(long ms, int peer) {
        if (ms < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, got " + ms);
        }
        delayMs.put(peer, ms);
    }

    public synchronized void drop(double percent, int peer) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("drop must be a percentage from 0 to 100, got " + percent);
        }
        dropPercent.put(peer, percent);
    }

    public synchronized void partition(Set<Integer> peers) {
        partitioned.addAll(peers);
    }

    public synchronized void heal() {
        delayMs.clear();
        dropPercent.clear();
        partitioned.clear();
    }

    public synchronized boolean isEmpty() {
        return delayMs.isEmpty() && dropPercent.isEmpty() && partitioned.isEmpty();
    }

    /** What to do with one call to or from {@code peer} (0 when the peer is not known). */
    public synchronized Verdict verdict(int peer) {
        if (peer != ALL_PEERS && partitioned.contains(peer)) {
            return Verdict.refuse("partitioned from node " + peer);
        }
        double drop = dropPercent.getOrDefault(peer, dropPercent.getOrDefault(ALL_PEERS, 0.0));
        if (drop > 0 && random.getAsDouble() * 100 < drop) {
            return Verdict.refuse("dropped (" + format(drop) + "% to node " + peer + ")");
        }
        long delay = delayMs.getOrDefault(peer, delayMs.getOrDefault(ALL_PEERS, 0L));
        return new Verdict(false, null, delay);
    }

    /** True when this node refuses traffic from {@code peer} (the receiving side of a partition). */
    public synchronized boolean isPartitionedFrom(int peer) {
        return partitioned.contains(peer);
    }

    /** One line per active rule, for FAULT LIST and INFO. */
    public synchronized List<String> describe() {
        List<String> lines = new ArrayList<>();
        delayMs.forEach((peer, ms) -> lines.add("delay " + ms + " ms " + target(peer)));
        dropPercent.forEach((peer, pct) -> lines.add("drop " + format(pct) + "% " + target(peer)));
        if (!partitioned.isEmpty()) {
            lines.add("partition from nodes " + partitioned);
        }
        return lines;
    }

    private static String target(int peer) {
        return peer == ALL_PEERS ? "to every peer" : "to node " + peer;
    }

    private static String format(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%.2f", percent);
    }

    /** Refuse the call (with the reason), or let it through after {@code delayMs}. */
    public record Verdict(boolean refused, String reason, long delayMs) {
        static final Verdict PASS = new Verdict(false, null, 0);

        static Verdict refuse(String reason) {
            return new Verdict(true, reason, 0);
        }
    }
}
