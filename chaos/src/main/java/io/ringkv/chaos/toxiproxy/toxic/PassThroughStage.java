package io.ringkv.chaos.toxiproxy.toxic;

/** Forwards everything unchanged: the noop toxic, and any toxic whose toxicity draw failed. */
final class PassThroughStage implements Stage {

    static final PassThroughStage INSTANCE = new PassThroughStage();

    private PassThroughStage() {}

    @Override
    public Flow onData(Piece piece) {
        return Flow.of(piece);
    }
}
