package io.ringkv.chaos.toxiproxy.toxic;

/**
 * Swallows all data (the sender's writes still succeed). With a timeout above 0 the stream ends that
 * long after the stage started; with 0 it stays silent forever. Toxiproxy closes the connection
 * when this toxic is removed, so a black-holed connection does not come back to life half-broken.
 */
final class TimeoutStage implements Stage {

    private final long deadlineNanos;

    TimeoutStage(long timeoutMs, long startNanos) {
        this.deadlineNanos = timeoutMs > 0 ? Nanos.plus(startNanos, Nanos.ofMillis(timeoutMs)) : Nanos.NEVER;
    }

    @Override
    public Flow onData(Piece piece) {
        return Flow.NOTHING;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public Flow onDeadline(long nowNanos) {
        return Flow.endAt(nowNanos);
    }

    @Override
    public boolean closesConnectionWhenRemoved() {
        return true;
    }
}
