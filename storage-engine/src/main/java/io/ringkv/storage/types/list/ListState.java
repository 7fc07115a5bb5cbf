package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.hash.HashState;
import java.util.ArrayList;
import java.util.List;

/**
 * A list as the store holds it: its hash of positions to elements, which is what merges, encodes
 * and digests, and the order of its live positions kept beside it ({@link ListOrder}), so reading
 * the ends or an index does not sort the list. The order is a function of the hash: it is rebuilt
 * whole only when a list is decoded or a merge changes much of it, and otherwise moved by each
 * position a merge made live or removed.
 */
public final class ListState implements HashState.Backed {
    /** Past this share of the list, a merge rebuilds the order instead of moving it field by field. */
    private static final int REBUILD_DIVISOR = 16;

    private final HashState hash;
    private final ListOrder order;

    private ListState(HashState hash, ListOrder order) {
        this.hash = hash;
        this.order = order;
    }

    @Override
    public HashState hash() {
        return hash;
    }

    public ListOrder order() {
        return order;
    }

    /** {@code hash}'s live positions, in no particular order. */
    static List<byte[]> livePositions(HashState hash) {
        List<byte[]> live = new ArrayList<>(hash.size());
        hash.forEachLive((position, element) -> live.add(position));
        return live;
    }

    /** The order of {@code hash}'s live positions, sorted whole: O(n log n). */
    static ListOrder orderOf(HashState hash) {
        return ListOrder.of(livePositions(hash));
    }

    /** The order of {@code cell}'s list: kept with it when the store holds it, else sorted from it. */
    static ListOrder orderOf(Cell cell, HashState hash) {
        return cell.state() instanceof ListState held && held.hash == hash ? held.order : orderOf(hash);
    }

    /**
     * The order of {@code merged}, the join of {@code before} (held with {@code order}) and
     * {@code incoming}: only the positions {@code incoming} names can have changed, unless a newer
     * reset ended fields or {@code incoming} is a large part of the list.
     */
    static ListOrder orderAfter(HashState before, ListOrder order, HashState incoming, HashState merged) {
        if (!merged.sameReset(before) || incoming.fieldCount() > 64 && incoming.fieldCount() > before.size() / REBUILD_DIVISOR) {
            return orderOf(merged);
        }
        ListOrder[] moved = {order};
        incoming.forEachName(position -> {
            boolean was = before.isLive(position);
            boolean is = merged.isLive(position);
            if (was != is) {
                moved[0] = is ? moved[0].with(position) : moved[0].without(position);
            }
        });
        return moved[0];
    }

    /** {@code hash}'s canonical cell, holding {@code order} beside it when it is a list's. */
    static Cell cellOf(HashState hash, ListOrder order) {
        Cell cell = hash.toCell(ListType.TAG);
        if (cell.state() != hash) {
            return cell;
        }
        return Cell.typed(cell.hlc(), cell.nodeId(), ListType.TAG, new ListState(hash, order), cell.expiresAtMs());
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

    /** Equal to a state with the same hash, held with its order or not: the order follows from the hash. */
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
