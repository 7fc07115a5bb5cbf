package io.ringkv.chaos.toxiproxy.toxic;

import com.google.common.math.LongMath;

/**
 * Time arithmetic for stages. Times are nanoseconds on a clock that starts at 0 with the server,
 * so they are never negative and saturating at {@link Long#MAX_VALUE} ("never") is safe to compare.
 */
final class Nanos {

    static final long NEVER = Long.MAX_VALUE;

    private Nanos() {}

    static long ofMillis(long millis) {
        return LongMath.saturatedMultiply(Math.max(0, millis), 1_000_000L);
    }

    static long ofMicros(long micros) {
        return LongMath.saturatedMultiply(Math.max(0, micros), 1_000L);
    }

    static long plus(long atNanos, long durationNanos) {
        return LongMath.saturatedAdd(atNanos, durationNanos);
    }
}
