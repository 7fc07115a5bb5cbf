package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.hash.FieldsType;
import io.ringkv.storage.types.hash.HashState;

/**
 * The value type of lists (LPUSH and its family): a sequence held as a hash whose fields are the
 * elements' positions ({@link ListPositions}) and whose values are the elements, so it merges as
 * a hash does: every push through any coordinator is kept (each element's position is unique), a
 * pop removes only the element it read, and the order, that of the positions, is the same on every
 * replica. The store holds a list with its order ({@link ListState}), kept as merges change it.
 */
public final class ListType extends FieldsType {
    public static final byte TAG = 4;
    public static final ListType INSTANCE = new ListType();

    private ListType() {
        super(TAG, "list");
    }

    /** The hash's merge, with the order of the held side moved by what the other side changed. */
    @Override
    public Cell merge(Cell a, Cell b) {
        // The side that holds an order is the one kept: the other is usually a small delta.
        boolean aHeld = a.state() instanceof ListState || !(b.state() instanceof ListState);
        Cell held = aHeld ? a : b;
        HashState before = HashState.of(held);
        HashState incoming = HashState.of(aHeld ? b : a);
        HashState merged = before.merge(incoming);
        if (merged == before && held.state() instanceof ListState) {
            return held;
        }
        ListOrder order = held.state() instanceof ListState list
                ? ListState.orderAfter(before, list.order(), incoming, merged)
                : ListState.orderOf(merged);
        return ListState.cellOf(merged, order);
    }

    @Override
    public Cell stored(Cell cell) {
        if (cell.state() instanceof ListState) {
            return cell;
        }
        HashState hash = HashState.of(cell);
        return ListState.cellOf(hash, ListState.orderOf(hash));
    }

    /** A {@link ListSlice}'s elements with their positions (a projection on those), or the named positions. */
    @Override
    public Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        ListSlice slice = ListSlice.of(parts);
        if (slice == null) {
            return super.project(cell, parts);
        }
        HashState hash = HashState.of(cell);
        return hash.projected(slice.positionsIn(cell, hash)).toCell(TAG);
    }

    /** Purging removals leaves the live positions, so the order held stays. */
    @Override
    public Cell purged(Cell cell, long nowMs, long gcGraceMs) {
        Cell purged = super.purged(cell, nowMs, gcGraceMs);
        if (purged == cell || purged.state() == null) {
            return purged;
        }
        HashState hash = HashState.of(purged);
        return ListState.cellOf(hash, cell.state() instanceof ListState list ? list.order() : ListState.orderOf(hash));
    }
}
