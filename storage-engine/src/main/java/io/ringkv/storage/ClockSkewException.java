package io.ringkv.storage;

/** A version came from a clock further ahead of ours than {@code max_clock_skew_ms} allows. */
public final class ClockSkewException extends RuntimeException {
    private final long aheadMs;

    public ClockSkewException(long aheadMs, long maxClockSkewMs) {
        super("version is " + aheadMs + " ms ahead of the local clock (max_clock_skew_ms = "
                + maxClockSkewMs + ")");
        this.aheadMs = aheadMs;
    }

    public long aheadMs() {
        return aheadMs;
    }
}
