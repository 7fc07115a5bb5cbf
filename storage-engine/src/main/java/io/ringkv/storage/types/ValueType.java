package io.ringkv.storage.types;

/**
 * One kind of typed value, as the store sees it: a state-based CRDT over its own binary encoding.
 * The store, replication and repair only ever call these methods; commands build states and deltas
 * through the type's own classes.
 *
 * <p>Every encoding is canonical (members sorted, no duplicates), so replicas holding equal states
 * hold equal bytes and their Merkle leaves compare equal.
 */
public interface ValueType {
    /** The tag stored beside the value in cells, AOF records, snapshots and internode messages. */
    byte tag();

    /** What TYPE answers for it. */
    String name();

    /**
     * The join of two states (or a state and a delta): commutative, associative and idempotent,
     * so replicas converge whatever order or how often they receive writes.
     */
    byte[] merge(byte[] a, byte[] b);

    /**
     * What is left of {@code state} after a delete of the whole key at {@code version}: the writes
     * made after it. Null when nothing is left. The result remembers the delete, so a later merge
     * with a state that missed it drops those writes too.
     */
    byte[] deleteThrough(byte[] state, Dot version);

    /** True when a reader sees something: a non-empty collection, any counter. */
    boolean hasContent(byte[] state);

    /** What OBJECT ENCODING answers. */
    String encoding(byte[] state);
}
