package io.ringkv.storage;

/**
 * Told of every change to the stored cells: a write that won, the sweeper turning an expired cell
 * into a tombstone, a purge. Called while the change is being made, so it must be quick and must
 * not call back into the store. Changes to one key arrive in the order they were made; changes to
 * different keys may arrive concurrently from several threads.
 */
@FunctionalInterface
public interface CellChangeListener {
    CellChangeListener NONE = (token, key, before, after) -> { };

    /** {@code before} is null for a new key; {@code after} is null when the key was removed. */
    void changed(long token, byte[] key, Cell before, Cell after);
}
