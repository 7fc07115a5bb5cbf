package io.ringkv.chaos.toxiproxy.toxic;

/** Passes data through and delays the end of the stream by {@code delay} ms. */
final class SlowCloseStage implements Stage {

    private final long delayMs;

    SlowCloseStage(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    public Flow onData(Piece piece) {
        return Flow.of(piece);
    }

    @Override
    public Flow onEnd(long atNanos) {
        return Flow.endAt(Nanos.plus(atNanos, Nanos.ofMillis(delayMs)));
    }
}
