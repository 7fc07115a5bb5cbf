package io.ringkv.storage.types;

import io.ringkv.storage.Cell;

/**
 * The encoding of a typed value's reset (the key's last plain write, a string or a tombstone),
 * which counters and hashes share: {@code dot tombstone(1) expiresAtMs(8) value(bytes)}.
 */
public final class ResetCodec {
    private ResetCodec() {
    }

    public static void encode(StateBuffer.Writer out, Cell reset) {
        out.putDot(Dot.of(reset)).putByte(reset.isTombstone() ? 1 : 0).putLong(reset.expiresAtMs())
                .putBytes(reset.isTombstone() ? new byte[0] : reset.value());
    }

    /** @throws IllegalArgumentException when the bytes are not a reset's encoding */
    public static Cell decode(StateBuffer.Reader in) {
        Dot version = in.getDot();
        int tombstone = in.getByte();
        long expiresAtMs = in.getLong();
        byte[] value = in.getBytes();
        if (tombstone > 1 || version.hlc() <= 0 || expiresAtMs < 0 || tombstone == 1 && value.length > 0) {
            throw new IllegalArgumentException("bad reset");
        }
        Cell written = Cell.live(version.hlc(), version.node(), value, expiresAtMs);
        // A tombstone keeps its expiry: the sweeper's tombstone of an expired value does.
        return tombstone == 1 ? written.asTombstone() : written;
    }
}
