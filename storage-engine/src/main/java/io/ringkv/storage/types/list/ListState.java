package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.hash.HashState;
import java.util.ArrayList;
import java.util.List;

/**
 * A list as the store holds it: its hash of positions to elements, which is what merges, encodes
 * and digests, held with its fields in name order ({@link HashState#ordered}), which is list
 * order. So the hash is also the list's index ({@link ListOrder}): reading the ends or an index
 * does not sort the list, and a merge moves the order by exactly the positions it changes.
 */
public final class ListState implements HashState.Backed {
    private final HashState hash;

    private ListState(HashState ordered) {
        this.hash = ordered;
    }

    @Override
    public HashState hash() {
        return hash;
    }

    public ListOrder order() {
        return new ListOrder(hash);
    }

    /** {@code hash}'s live positions, in no particular order. */
    static List<byte[]> livePositions(HashState hash) {
        List<byte[]> live = new ArrayList<>(hash.size());
        hash.forEachLive((position, element) -> live.add(position));
        return live;
    }

    /** The order of {@code hash}'s live positions: O(n log n) unless its fields are held in order already. */
    static ListOrder orderOf(HashState hash) {
        return new ListOrder(hash.ordered());
    }

    /** The order of {@code cell}'s list: kept with it when the store holds it, else sorted from it. */
    static ListOrder orderOf(Cell cell, HashState hash) {
        return cell.state() instanceof ListState held && held.hash == hash ? held.order() : orderOf(hash);
    }

    /** {@code hash}'s canonical cell, holding its fields in order when it is a list's. */
    static Cell cellOf(HashState hash) {
        Cell cell = hash.toCell(ListType.TAG);
        if (cell.state() != hash) {
            return cell;
        }
        return Cell.typed(cell.hlc(), cell.nodeId(), ListType.TAG, new ListState(hash.ordered()), cell.expiresAtMs());
    }

    @Override
    public byte[] encode() {
        return hash.encode();
    }

    @Override
    public boolean hasContent() {
        return hash.hasContent();
    }

    @Override
    public long digest() {
        return hash.digest();
    }

    /** Equal to a state with the same hash, held in order or not: the order follows from the hash. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HashState.Backed backed ? hash.equals(backed.hash()) : hash.equals(o);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return hash.toString();
    }
}
