package io.ringkv.storage.types.hash;

/**
 * A hash's fields, immutable: a write makes a new map that shares all but what it changed. Two
 * layouts: {@link BucketFieldMap} spreads fields by the hash of their name (a hash or a set), and
 * {@link PackedFieldMap} keeps them in name order packed into runs (a list, whose names are
 * positions: its order is its name order, and its elements are small and many).
 */
abstract class FieldMap implements Iterable<Field> {
    static final FieldMap EMPTY = BucketFieldMap.EMPTY;

    /** The field of that name, or null. */
    abstract Field get(byte[] name);

    /** The field with the same name as {@code field}, or null. */
    abstract Field get(Field field);

    /** This map with {@code field} in place of {@code replacedOrNull}, the field of its name if any. */
    abstract FieldMap put(Field field, Field replacedOrNull);

    /** Fields recorded, removed ones included. */
    abstract int size();

    /**
     * A field picked at random, or null when this try found none; every field (removed ones
     * included) equally likely. A try costs the same whatever the map's size.
     */
    abstract Field randomPick(java.util.random.RandomGenerator random);

    /** The slots {@link #randomPick} chooses among: how many tries, times the fields, find one. */
    abstract long slots();

    /** An empty map of the same layout. */
    abstract FieldMap emptyLike();

    boolean isEmpty() {
        return size() == 0;
    }
}
