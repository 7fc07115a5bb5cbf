package io.ringkv.chaos.toxiproxy.toxic;

/**
 * One toxic acting on one stream of one connection. Stages are pure: time arrives as arguments,
 * randomness is handed in at construction, and the answer is a {@link Flow} that the caller
 * carries out. A stage sees events strictly in order and from one thread.
 */
public interface Stage {

    /** Takes a piece that is ready at {@code piece.readyAtNanos()}. */
    Flow onData(Piece piece);

    /** The stream before this stage ended at {@code atNanos}; by default the end passes at once. */
    default Flow onEnd(long atNanos) {
        return Flow.endAt(atNanos);
    }

    /** When this stage wants {@link #onDeadline} called without any data arriving. */
    default long deadlineNanos() {
        return Nanos.NEVER;
    }

    default Flow onDeadline(long nowNanos) {
        return Flow.NOTHING;
    }

    /** Whether taking this toxic off a live connection must close it (Toxiproxy's timeout cleanup). */
    default boolean closesConnectionWhenRemoved() {
        return false;
    }
}
