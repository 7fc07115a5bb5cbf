package io.ringkv.storage.types;

import io.ringkv.storage.Cell;

/**
 * The registry of typed values: a cell's type tag names its {@link ValueType}. Tag 0 is a plain
 * string (last-write-wins) and has no entry; every other tag a cell, record or message carries
 * must be registered here, or the bytes are refused as corrupt.
 */
public final class ValueTypes {
    private static final ValueType[] BY_TAG = new ValueType[128];

    private ValueTypes() {
    }

    private static void register(ValueType type) {
        if (type.tag() <= Cell.STRING || BY_TAG[type.tag()] != null) {
            throw new IllegalStateException("tag " + type.tag() + " of " + type.name() + " is taken");
        }
        BY_TAG[type.tag()] = type;
    }

    /** @throws IllegalArgumentException for a tag no type has */
    public static ValueType of(byte tag) {
        ValueType type = tag > 0 ? BY_TAG[tag] : null;
        if (type == null) {
            throw new IllegalArgumentException("unknown value type " + tag);
        }
        return type;
    }

    /** True for a string's tag and every registered type's. */
    public static boolean isKnown(byte tag) {
        return tag == Cell.STRING || tag > 0 && BY_TAG[tag] != null;
    }

    public static boolean hasContent(byte tag, byte[] state) {
        return of(tag).hasContent(state);
    }

    /** What TYPE answers for a cell a reader sees (callers check liveness first). */
    public static String name(Cell cell) {
        return cell.isString() ? "string" : of(cell.type()).name();
    }

    /** A live cell holding a typed value (not a string, not a tombstone). */
    public static boolean isTyped(Cell cell) {
        return cell != null && !cell.isTombstone() && !cell.isString();
    }
}
