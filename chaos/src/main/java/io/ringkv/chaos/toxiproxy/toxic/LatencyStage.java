package io.ringkv.chaos.toxiproxy.toxic;

import java.util.Random;

/**
 * Delays each piece by {@code latency ± jitter} ms from the time it became ready. Pieces never
 * overtake each other, so a piece waits at least until the one before it was released; this keeps
 * throughput unchanged while every piece arrives late (as in Toxiproxy, where the delay counts from
 * the time the chunk was read).
 */
final class LatencyStage implements Stage {

    private final long latencyMs;
    private final long jitterMs;
    private final Random random;
    private long lastReleaseNanos;

    LatencyStage(long latencyMs, long jitterMs, Random random) {
        this.latencyMs = latencyMs;
        this.jitterMs = Math.min(Long.MAX_VALUE / 4, Math.max(0, jitterMs));
        this.random = random;
    }

    @Override
    public Flow onData(Piece piece) {
        long releaseNanos = Math.max(Nanos.plus(piece.readyAtNanos(), Nanos.ofMillis(nextDelayMs())), lastReleaseNanos);
        lastReleaseNanos = releaseNanos;
        return Flow.of(piece.delayedTo(releaseNanos));
    }

    /** Toxiproxy draws the jitter uniformly from [-jitter, jitter). */
    private long nextDelayMs() {
        if (jitterMs == 0) {
            return latencyMs;
        }
        return latencyMs + random.nextLong(2 * jitterMs) - jitterMs;
    }
}
