package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.hash.HashState;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The parts argument of a read that asks each replica for the first (or last) {@code count}
 * live elements of a list, with their positions, instead of the list: what a pop or a short
 * LRANGE at either end needs, shipped in O(count). Recognised by type; it names no parts itself.
 *
 * <p>A replica's slice is its own first elements. When every replica asked answers the same
 * positions, their merge is exactly the first elements of the merged list (an element one of them
 * lacked or had removed would make the answers differ: {@link #agree}). When they differ, the
 * reader reads the elements shipped again by name, which brings their removals, and keeps the
 * merge up to the {@link #bound} of what was shipped ({@link #within}); only when too few remain
 * does it read the whole list.
 */
public final class ListSlice extends AbstractList<byte[]> {
    private final boolean head;
    private final int count;

    private ListSlice(boolean head, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a slice of " + count + " elements");
        }
        this.head = head;
        this.count = count;
    }

    /** The first ({@code head}) or last {@code count} elements. */
    public static ListSlice request(boolean head, int count) {
        return new ListSlice(head, count);
    }

    /** The slice {@code parts} asks for, or null when it is not a slice request. */
    public static ListSlice of(Collection<byte[]> parts) {
        return parts instanceof ListSlice slice ? slice : null;
    }

    public boolean head() {
        return head;
    }

    public int count() {
        return count;
    }

    @Override
    public byte[] get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        return 0;
    }

    /** The positions this slice takes from a list held as {@code cell} (its order kept with it when the store holds it). */
    List<byte[]> positionsIn(Cell cell, HashState hash) {
        return inSliceOrder(ListState.orderOf(cell, hash), count);
    }

    /** All of {@code order}'s positions from this slice's end: head first for a head slice, tail first otherwise. */
    private List<byte[]> inSliceOrder(ListOrder order) {
        return inSliceOrder(order, order.size());
    }

    /** The first {@code limit} of them: what a replica ships costs O(limit log n), not the list. */
    private List<byte[]> inSliceOrder(ListOrder order, int limit) {
        int taken = Math.min(limit, order.size());
        List<byte[]> positions = new ArrayList<>(taken);
        for (int i = 0; i < taken; i++) {
            positions.add(order.get(head ? i : order.size() - 1 - i));
        }
        return positions;
    }

    /**
     * True when the replicas' answers to a slice read hold the same live positions (or are all
     * the same value of another kind, or all nothing): then their merge is the merged list's slice.
     */
    public static boolean agree(List<Cell> answers) {
        Cell first = answers.get(0);
        if (first == null || first.type() != ListType.TAG) {
            return answers.stream().allMatch(answer -> java.util.Objects.equals(answer, first));
        }
        ListOrder positions = ListState.orderOf(HashState.of(first));
        for (Cell answer : answers) {
            if (answer == null || answer.type() != ListType.TAG || !positions.samePositions(ListState.orderOf(HashState.of(answer)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far the merge of disagreeing answers is complete: the position of the last element a
     * replica shipped, nearest the slice's end, among replicas that shipped a full slice (they may
     * hold more past it); null when none did (each shipped all it holds). Every live element up to
     * it was shipped by whoever holds it, so once the elements shipped are checked by name, the
     * merged list up to it is exact.
     */
    public byte[] bound(List<Cell> answers) {
        byte[] bound = null;
        for (Cell answer : answers) {
            if (answer == null || answer.type() != ListType.TAG) {
                continue;
            }
            List<byte[]> live = inSliceOrder(ListState.orderOf(HashState.of(answer)));
            if (live.size() >= count && count > 0) {
                byte[] last = live.get(live.size() - 1);
                if (bound == null || (head ? ListPositions.compare(last, bound) < 0 : ListPositions.compare(last, bound) > 0)) {
                    bound = last;
                }
            }
        }
        return bound;
    }

    /**
     * {@code merged} (the answers' merge, checked by name) kept to its live elements up to
     * {@code bound} (all of them when null), or null when fewer than this slice's count remain
     * there while a replica may hold more: then only the whole list answers.
     */
    public Cell within(Cell merged, byte[] bound) {
        if (merged == null || merged.type() != ListType.TAG) {
            return merged;
        }
        List<byte[]> kept = new ArrayList<>();
        for (byte[] position : inSliceOrder(ListState.orderOf(HashState.of(merged)))) {
            if (bound != null && (head ? ListPositions.compare(position, bound) > 0 : ListPositions.compare(position, bound) < 0)) {
                break;
            }
            kept.add(position);
        }
        if (bound != null && kept.size() < count) {
            return null;
        }
        return HashState.of(merged).projected(kept).toCell(ListType.TAG);
    }

    /** The live positions of answers of a list (the names a reader checks when answers disagree). */
    public static List<byte[]> livePositionsOf(Cell merged) {
        return merged == null || merged.type() != ListType.TAG ? List.of() : ListState.livePositions(HashState.of(merged));
    }

    @Override
    public String toString() {
        return (head ? "first " : "last ") + count + " elements";
    }
}
