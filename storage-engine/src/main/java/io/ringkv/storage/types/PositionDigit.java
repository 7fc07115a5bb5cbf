package io.ringkv.storage.types;

/**
 * One digit of a list position ({@code ListPositions}): a signed value with its sign bit flipped
 * (so unsigned byte order is numeric order), then a node; 12 bytes. A pushed element's position is
 * one digit, which is what lets a list's packed runs store it as a difference.
 */
public final class PositionDigit {
    public static final int BYTES = 12;

    private PositionDigit() {
    }

    public static long value(byte[] name) {
        long raw = 0;
        for (int i = 0; i < 8; i++) {
            raw = raw << 8 | (name[i] & 0xFF);
        }
        return raw ^ Long.MIN_VALUE;
    }

    public static int node(byte[] name) {
        return (name[8] & 0xFF) << 24 | (name[9] & 0xFF) << 16 | (name[10] & 0xFF) << 8 | (name[11] & 0xFF);
    }

    public static byte[] of(long value, int node) {
        byte[] name = new byte[BYTES];
        long raw = value ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            name[i] = (byte) raw;
            raw >>>= 8;
        }
        name[8] = (byte) (node >>> 24);
        name[9] = (byte) (node >>> 16);
        name[10] = (byte) (node >>> 8);
        name[11] = (byte) node;
        return name;
    }
}
