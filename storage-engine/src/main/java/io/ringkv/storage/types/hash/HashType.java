package io.ringkv.storage.types.hash;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueType;

/** The value type of hashes (HSET and its family): a {@link HashState}, held decoded in the store. */
public final class HashType implements ValueType {
    public static final byte TAG = 2;
    public static final HashType INSTANCE = new HashType();

    private HashType() {
    }

    @Override
    public byte tag() {
        return TAG;
    }

    @Override
    public String name() {
        return "hash";
    }

    /** A hash whose fields a SET outdated reads as that SET's string until a newer field comes. */
    @Override
    public String name(Cell cell) {
        return HashState.of(cell).isHash() ? "hash" : "string";
    }

    @Override
    public Cell merge(Cell a, Cell b) {
        HashState left = HashState.of(a);
        HashState merged = left.merge(HashState.of(b));
        // The stored cell itself when the other added nothing: the store then sees no change.
        return merged == left && a.state() == left ? a : merged.toCell();
    }

    @Override
    public Cell stored(Cell cell) {
        return cell.state() != null ? cell : HashState.of(cell).toCell();
    }

    @Override
    public Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        return HashState.of(cell).projected(parts).toCell();
    }

    @Override
    public boolean mayPurge(Cell cell) {
        HashState state = HashState.of(cell);
        return state.fieldCount() > state.size();
    }

    @Override
    public Cell purged(Cell cell, long nowMs, long gcGraceMs) {
        HashState state = HashState.of(cell);
        HashState purged = state.withoutRemovalsBefore(nowMs - gcGraceMs);
        return purged == state ? cell : purged.toCell();
    }

    @Override
    public boolean hasContent(Cell cell) {
        return HashState.of(cell).hasContent();
    }

    @Override
    public long digest(Cell cell) {
        return HashState.of(cell).digest();
    }

    @Override
    public Cell withExpiry(Cell cell, Dot version, long expiresAtMs) {
        return HashState.of(cell).expiryDelta(version, expiresAtMs).toCell();
    }

    @Override
    public byte[] stringValue(Cell cell) {
        HashState state = HashState.of(cell);
        if (state.isHash()) {
            throw ValueRefusedException.wrongType();
        }
        return state.stringValue();
    }
}
