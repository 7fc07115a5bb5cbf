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

    /**
     * The hash's merge, held in order when the store holds one side: the merge puts the other
     * side's fields into the larger, so a delta merged into a stored list moves its order by what
     * it changes. Merges of cells that hold no order (a coordinator joining replicas' answers)
     * build none: a reader sorts what it reads, and the store orders a list once when it takes it.
     */
    @Override
    public Cell merge(Cell a, Cell b) {
        Cell held = a.state() instanceof ListState ? a : b.state() instanceof ListState ? b : null;
        if (held == null) {
            return super.merge(a, b);
        }
        HashState before = HashState.of(held);
        HashState incoming = HashState.of(held == a ? b : a);
        HashState merged = before.merge(incoming);
        if (merged == before) {
            return held;
        }
        return ListState.cellOf(merged);
    }

    @Override
    public Cell stored(Cell cell) {
        if (cell.state() instanceof ListState) {
            return cell;
        }
        return ListState.cellOf(HashState.of(cell));
    }

    /** A {@link ListSlice}'s elements with their positions (a projection on those), or the named positions. */
    @Override
    public Cell project(Cell cell, java.util.Collection<byte[]> parts) {
        ListSlice slice = ListSlice.of(parts);
        if (slice == null) {
            return super.project(cell, parts);
        }
        HashState hash = HashState.of(cell);
        if (hash.isOrdered()) {
            // Held in order (the store's list): the end's elements in one walk.
            int taken = Math.min(slice.count(), hash.size());
            return hash.projectedLive(slice.head() ? 0 : hash.size() - taken, taken).toCell(TAG);
        }
        return hash.projected(slice.positionsIn(cell, hash)).toCell(TAG);
    }

    /** Purging removals keeps the fields' layout, so a list held in order stays so. */
    @Override
    public Cell purged(Cell cell, long nowMs, long gcGraceMs) {
        Cell purged = super.purged(cell, nowMs, gcGraceMs);
        if (purged == cell || purged.state() == null) {
            return purged;
        }
        return ListState.cellOf(HashState.of(purged));
    }

    /** True when a stored write adds elements to a list (what blocked pops wait for; a pop's delta does not). */
    public static boolean addsElements(Cell cell) {
        return cell.type() == TAG && HashState.of(cell).size() > 0;
    }
}
