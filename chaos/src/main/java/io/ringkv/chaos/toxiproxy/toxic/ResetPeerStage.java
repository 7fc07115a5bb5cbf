package io.ringkv.chaos.toxiproxy.toxic;

/**
 * On the first piece or the end of the stream, drops it and ends the stream {@code timeout} ms
 * later. The reset itself (TCP RST) comes from SO_LINGER 0, which the connection sets when it opens
 * while a reset_peer toxic exists; older connections get a normal close, as in Toxiproxy.
 * Stateless on purpose: once it fires the link does nothing but wait for the end.
 */
final class ResetPeerStage implements Stage {

    private final long timeoutMs;

    ResetPeerStage(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Flow onData(Piece piece) {
        return Flow.endAt(Nanos.plus(piece.readyAtNanos(), Nanos.ofMillis(timeoutMs)));
    }

    @Override
    public Flow onEnd(long atNanos) {
        return Flow.endAt(Nanos.plus(atNanos, Nanos.ofMillis(timeoutMs)));
    }
}
