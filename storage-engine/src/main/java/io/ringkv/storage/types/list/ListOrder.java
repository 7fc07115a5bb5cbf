package io.ringkv.storage.types.list;

import io.ringkv.storage.types.hash.HashState;
import java.util.Arrays;

/**
 * A list's live positions in list order: the index that makes reads at the ends and by index
 * cheap. It is the list's hash itself, held with its fields in name order
 * ({@link HashState#ordered}), which is list order because positions sort as the list does: the
 * position at an index, and the index of a position, cost O(log n).
 */
public final class ListOrder {
    public static final ListOrder EMPTY = new ListOrder(HashState.EMPTY.ordered());

    private final HashState hash;

    ListOrder(HashState ordered) {
        if (!ordered.isOrdered()) {
            throw new IllegalArgumentException("a list's order needs its fields held in order");
        }
        this.hash = ordered;
    }

    public int size() {
        return hash.size();
    }

    /** The position at {@code index} (0 is the head). */
    public byte[] get(int index) {
        return hash.liveNameAt(index);
    }

    /** True when both hold the same positions (so the same order). */
    public boolean samePositions(ListOrder other) {
        if (size() != other.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!Arrays.equals(get(i), other.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code position}, or {@code -(insertion point) - 1} when absent (as {@link Arrays#binarySearch}). */
    public int indexOf(byte[] position) {
        return hash.liveIndexOf(position);
    }
}
