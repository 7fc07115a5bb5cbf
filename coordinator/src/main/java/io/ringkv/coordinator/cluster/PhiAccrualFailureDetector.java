package io.ringkv.coordinator.cluster;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Phi-accrual failure detection (Hayashibara et al.), as Cassandra and Akka use it: for each
 * peer, the intervals between heartbeats are remembered, and phi measures how unlikely the
 * current silence is under a normal distribution of those intervals. A peer whose phi exceeds
 * the threshold (8 by default) is considered down. Pure: times are passed in.
 */
public final class PhiAccrualFailureDetector {
    private static final int MAX_SAMPLES = 100;
    /** Keeps phi from exploding when heartbeats have been perfectly regular. */
    private static final double MIN_STD_DEV_MS = 100;
    /** A silence shorter than this never counts against a peer (GC pauses, slow rounds). */
    private static final double ACCEPTABLE_PAUSE_MS = 500;

    private final double threshold;
    private final Map<Integer, History> histories = new HashMap<>();

    private static final class History {
        final ArrayDeque<Long> intervals = new ArrayDeque<>();
        long lastHeartbeatMs;
        double sum;
        double sumOfSquares;

        void add(long intervalMs) {
            if (intervals.size() == MAX_SAMPLES) {
                long removed = intervals.removeFirst();
                sum -= removed;
                sumOfSquares -= (double) removed * removed;
            }
            intervals.addLast(intervalMs);
            sum += intervalMs;
            sumOfSquares += (double) intervalMs * intervalMs;
        }
    }

    public PhiAccrualFailureDetector(double threshold) {
        this.threshold = threshold;
    }

    /** A heartbeat of {@code nodeId} was seen at {@code nowMs}. */
    public synchronized void heartbeat(int nodeId, long nowMs) {
        History history = histories.get(nodeId);
        if (history == null) {
            history = new History();
            // Seed with one typical interval so a fresh peer is not suspected at once.
            history.add(1000);
            histories.put(nodeId, history);
        } else {
            history.add(Math.max(0, nowMs - history.lastHeartbeatMs));
        }
        history.lastHeartbeatMs = nowMs;
    }

    public synchronized double phi(int nodeId, long nowMs) {
        History history = histories.get(nodeId);
        if (history == null) {
            return Double.POSITIVE_INFINITY;
        }
        int n = history.intervals.size();
        double mean = history.sum / n;
        double variance = Math.max(0, history.sumOfSquares / n - mean * mean);
        double stdDev = Math.max(MIN_STD_DEV_MS, Math.sqrt(variance));
        double silence = nowMs - history.lastHeartbeatMs;
        double y = (silence - mean - ACCEPTABLE_PAUSE_MS) / stdDev;
        // Logistic approximation of the normal tail (as Akka does); accurate to well within 1e-3.
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        double tail = silence > mean + ACCEPTABLE_PAUSE_MS ? e / (1.0 + e) : 1.0 - 1.0 / (1.0 + e);
        return -Math.log10(Math.max(tail, Double.MIN_VALUE));
    }

    public boolean isAlive(int nodeId, long nowMs) {
        return phi(nodeId, nowMs) < threshold;
    }

    /** Forgets a peer's history, e.g. when it restarts with a new generation. */
    public synchronized void reset(int nodeId) {
        histories.remove(nodeId);
    }
}
