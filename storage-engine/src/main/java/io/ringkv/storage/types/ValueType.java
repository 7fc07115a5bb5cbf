package io.ringkv.storage.types;

import com.google.common.hash.Hashing;
import io.ringkv.storage.Cell;

/**
 * One kind of typed value, as the store, replication and repair see it: a state-based CRDT whose
 * state is a cell. The store only ever calls these methods; commands build deltas through the
 * type's own classes.
 *
 * <p>A type's cells are canonical: the cell's bytes, version and expiry are a function of the
 * state alone (not of the order in which replicas learned it), so replicas holding equal states
 * hold equal cells and their Merkle leaves compare equal.
 */
public interface ValueType {
    /** The tag stored beside the value in cells, AOF records, snapshots and internode messages. */
    byte tag();

    /** The type's name (what TYPE answers for most of its values). */
    String name();

    /** What TYPE answers for a live cell of this type. */
    default String name(Cell cell) {
        return name();
    }

    /**
     * The join of two cells of one key, at least one of them of this type and the other of this
     * type or a plain string or tombstone: commutative, associative and idempotent, so replicas
     * converge whatever the order in which, or how often, they receive writes. A delta merges as
     * a state does.
     */
    Cell merge(Cell a, Cell b);

    /** True when a reader sees something in the cell's state (before expiry is considered). */
    boolean hasContent(Cell cell);

    /**
     * The form in which the store keeps a cell of this type that it takes as it came (the first
     * cell of a key): a collection decodes its bytes once here, not on every later read.
     */
    default Cell stored(Cell cell) {
        return cell;
    }

    /**
     * The part of a live cell a command needs (named parts, such as a hash's fields), with what
     * merging needs to place it: what a replica ships for a read of those parts. Merging the
     * projections of two cells and projecting their merge agree on those parts, and a projection
     * merged into a whole cell changes only those parts. By default the whole cell.
     */
    default Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        return cell;
    }

    /**
     * The live cell's value as a new write, at {@code written}, that replaces whatever another key
     * holds (RENAME, COPY): everything in it ended at {@code replaced}, which is older. By default
     * the string the type shows (a counter's number), with the cell's expiry.
     */
    default Cell copied(Cell cell, Dot replaced, Dot written) {
        return Cell.live(written.hlc(), written.node(), stringValue(cell), cell.expiresAtMs());
    }

    /**
     * What a replica ships for a count of the cell's parts ({@link Summary}). By default the whole
     * cell (a value without parts is small), which the reader counts itself.
     */
    default Cell summary(Cell cell) {
        return cell;
    }

    /**
     * The cell without the removals inside it that are older than gc grace at {@code nowMs} (a
     * hash's removed fields), or the cell itself when there are none: the sweeper's purge of
     * tombstones inside a value. As with cell tombstones, repair must run within gc grace.
     */
    default Cell purged(Cell cell, long nowMs, long gcGraceMs) {
        return cell;
    }

    /**
     * True when {@code state}, a key's merged state, holds the writes of {@code delta} (a cell of
     * this type) exactly as they were made, not a newer write that merges over them: a Paxos
     * proposer asks it to learn whether its partly accepted delta was chosen since. By default the
     * cells are equal, which is right for values replaced whole.
     */
    default boolean holds(Cell state, Cell delta) {
        return delta.equals(state);
    }

    /**
     * True when {@code state} shows that it never held {@code delta}'s writes: a proposer whose
     * partly accepted delta can no longer be chosen asks it before deciding afresh. By default,
     * when merging the delta in would change the state (a state that once held it never changes
     * by merging it again).
     */
    default boolean lacks(Cell state, Cell delta) {
        return !state.equals(merge(state, delta));
    }

    /** A quick test, under the store's lock, of whether {@link #purged} may find something. */
    default boolean mayPurge(Cell cell) {
        return false;
    }

    /** A hash of the cell's state that equal states share, however they were built or held (Merkle leaves). */
    default long digest(Cell cell) {
        return Hashing.murmur3_128().hashBytes(cell.value()).asLong();
    }

    /** The cell of this type with its expiry set to {@code expiresAtMs} by a write at {@code version} (EXPIRE, PERSIST). */
    Cell withExpiry(Cell cell, Dot version, long expiresAtMs);

    /**
     * What string commands (GET, APPEND, STRLEN...) see in a live cell of this type, or null when it
     * holds nothing a reader sees.
     *
     * @throws ValueRefusedException with WRONGTYPE when this type is not a string to clients
     */
    byte[] stringValue(Cell cell);
}
