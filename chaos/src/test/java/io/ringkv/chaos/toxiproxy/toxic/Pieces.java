package io.ringkv.chaos.toxiproxy.toxic;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Small helpers for stage tests: times in milliseconds, pieces of numbered bytes. */
final class Pieces {

    private Pieces() {}

    static long ms(long millis) {
        return millis * 1_000_000L;
    }

    static Piece piece(int size, long readyAtMs) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i;
        }
        return new Piece(data, ms(readyAtMs));
    }

    static byte[] joined(List<Piece> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(piece -> out.writeBytes(piece.data()));
        return out.toByteArray();
    }

    static List<Long> readyAtMs(List<Piece> pieces) {
        return pieces.stream().map(piece -> piece.readyAtNanos() / 1_000_000L).toList();
    }

    static List<Integer> sizes(List<Piece> pieces) {
        return pieces.stream().map(Piece::size).toList();
    }
}
