package io.ringkv.chaos.toxiproxy.toxic;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a stage (or a whole chain) decides for one event: pieces to write in order, each not before
 * its time, and optionally the time at which the stream ends (the connection is closed then).
 */
public record Flow(List<Piece> pieces, OptionalLong endAtNanos) {

    static final Flow NOTHING = new Flow(List.of(), OptionalLong.empty());

    public Flow {
        pieces = List.copyOf(pieces);
    }

    static Flow of(Piece piece) {
        return new Flow(List.of(piece), OptionalLong.empty());
    }

    static Flow of(List<Piece> pieces) {
        return new Flow(pieces, OptionalLong.empty());
    }

    static Flow endAt(long atNanos) {
        return new Flow(List.of(), OptionalLong.of(atNanos));
    }

    static Flow ofThenEnd(Piece piece, long atNanos) {
        return new Flow(List.of(piece), OptionalLong.of(atNanos));
    }

    public boolean ends() {
        return endAtNanos.isPresent();
    }
}
