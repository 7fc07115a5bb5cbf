package io.ringkv.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: timestamps are {@code physicalMs << 16 | logical}, never go backwards,
 * and advance past every timestamp the node observes, so an event that causally follows another
 * always carries a larger timestamp whatever the wall clocks say.
 *
 * <p>A remote timestamp more than {@code maxClockSkewMs} ahead of the local physical clock is
 * rejected with {@link ClockSkewException} and not adopted: one bad clock must not drag the
 * cluster's versions into the future. The physical clock is passed in so that simulations can
 * skew it.
 */
public final class HybridClock {
    private static final int LOGICAL_BITS = 16;
    private static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

    private final LongSupplier physicalClockMs;
    private final long maxClockSkewMs;
    private final AtomicLong last = new AtomicLong();

    public HybridClock(LongSupplier physicalClockMs, long maxClockSkewMs) {
        if (maxClockSkewMs <= 0) {
            throw new IllegalArgumentException("maxClockSkewMs must be > 0, got " + maxClockSkewMs);
        }
        this.physicalClockMs = physicalClockMs;
        this.maxClockSkewMs = maxClockSkewMs;
    }

    public static HybridClock system(long maxClockSkewMs) {
        return new HybridClock(System::currentTimeMillis, maxClockSkewMs);
    }

    public static long timestamp(long physicalMs, int logical) {
        return (physicalMs << LOGICAL_BITS) | (logical & LOGICAL_MASK);
    }

    public static long physicalMs(long hlc) {
        return hlc >>> LOGICAL_BITS;
    }

    public static int logical(long hlc) {
        return (int) (hlc & LOGICAL_MASK);
    }

    public static String format(long hlc) {
        return physicalMs(hlc) + "." + logical(hlc);
    }

    /** The local physical clock, as the clock sees it. */
    public long physicalNowMs() {
        return physicalClockMs.getAsLong();
    }

    /** A new timestamp, larger than every one this clock has issued or observed. */
    public long now() {
        long wall = timestamp(physicalClockMs.getAsLong(), 0);
        return last.updateAndGet(prev -> Math.max(prev + 1, wall));
    }

    /** The largest timestamp issued or observed so far, without advancing the clock. */
    public long current() {
        return last.get();
    }

    /**
     * Advances the clock past a timestamp seen on a message.
     *
     * @throws ClockSkewException when {@code remoteHlc} is too far ahead of the local clock
     */
    public long observe(long remoteHlc) {
        long physicalNow = physicalClockMs.getAsLong();
        long aheadMs = physicalMs(remoteHlc) - physicalNow;
        if (aheadMs > maxClockSkewMs) {
            throw new ClockSkewException(aheadMs, maxClockSkewMs);
        }
        long wall = timestamp(physicalNow, 0);
        return last.updateAndGet(prev -> Math.max(Math.max(prev, remoteHlc) + 1, wall));
    }
}
