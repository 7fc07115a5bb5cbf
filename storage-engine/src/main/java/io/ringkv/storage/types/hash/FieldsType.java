package io.ringkv.storage.types.hash;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueType;

/**
 * The value types held as a {@link HashState}: hashes, and sets (a set is a hash whose fields are
 * its members, with empty values). Held decoded in the store; each type is this with its tag and name.
 */
public abstract class FieldsType implements ValueType {
    private final byte tag;
    private final String name;

    protected FieldsType(byte tag, String name) {
        this.tag = tag;
        this.name = name;
    }

    @Override
    public final byte tag() {
        return tag;
    }

    @Override
    public final String name() {
        return name;
    }

    /** A value whose fields a SET outdated reads as that SET's string until a newer field comes. */
    @Override
    public String name(Cell cell) {
        return HashState.of(cell).isHash() ? name : "string";
    }

    @Override
    public Cell merge(Cell a, Cell b) {
        HashState left = HashState.of(a);
        HashState merged = left.merge(HashState.of(b));
        // The stored cell itself when the other added nothing: the store then sees no change.
        return merged == left && a.state() == left ? a : merged.toCell(tag);
    }

    @Override
    public Cell stored(Cell cell) {
        return cell.state() != null ? cell : HashState.of(cell).toCell(tag);
    }

    @Override
    public Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        return HashState.of(cell).projected(parts).toCell(tag);
    }

    /** The count of live fields and the state's digest; a value a SET outdated is seen as a string. */
    @Override
    public Cell summary(Cell cell) {
        HashState state = HashState.of(cell);
        byte seenAs = state.isHash() || !state.hasContent() ? tag : Cell.STRING;
        return new Summary(seenAs, state.size(), state.digest()).toCell(cell);
    }

    /** Its live fields with their visible values (a counted field's sum) under a reset at {@code replaced}, and its expiry. */
    @Override
    public Cell copied(Cell cell, Dot replaced, Dot written) {
        HashState state = HashState.of(cell);
        java.util.List<byte[]> pairs = new java.util.ArrayList<>(state.size() * 2);
        state.forEachLive((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        Cell copy = HashEdits.replacing(pairs, replaced, written, tag);
        if (!cell.hasExpiry()) {
            return copy;
        }
        return merge(copy, withExpiry(copy, written, cell.expiresAtMs()));
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
        return purged == state ? cell : purged.toCell(tag);
    }

    /** Every field of the delta is held as the delta made it, and its reset, if any, is the state's. */
    @Override
    public boolean holds(Cell state, Cell delta) {
        return HashState.of(state).holds(HashState.of(delta));
    }

    @Override
    public boolean lacks(Cell state, Cell delta) {
        return HashState.of(state).lacks(HashState.of(delta));
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
        return HashState.of(cell).expiryDelta(version, expiresAtMs).toCell(tag);
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
