package io.ringkv.storage.types;

/**
 * A typed value held decoded in a cell, for types whose values grow large (collections): a write
 * merges its delta into the decoded state in time proportional to what it touches, where a value
 * kept as bytes would be decoded and encoded whole. Immutable: a merge makes a new state that
 * shares what it did not change, so a reader holding the old one sees a consistent state.
 */
public interface TypedState {
    /** The canonical encoding: equal states encode equally. Costs the whole state; for snapshots and shipping. */
    byte[] encode();

    /** True when a reader sees something in it (before expiry is considered). */
    boolean hasContent();

    /** A hash of the state that equal states share whatever the order they were built in; kept as the state changes. */
    long digest();
}
