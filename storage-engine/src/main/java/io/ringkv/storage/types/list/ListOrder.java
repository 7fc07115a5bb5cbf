package io.ringkv.storage.types.list;

import java.util.ArrayList;
import java.util.List;
import org.organicdesign.fp.collections.RrbTree;

/**
 * A list's live positions in list order, immutable: the index that makes reads at the ends and by
 * index cheap. An RRB tree (Paguro's relaxed radix-balanced vector) gives the element at an index
 * in O(log n), and inserts and removes anywhere in O(log n), sharing the rest with the order before
 * (readers may still hold it). A position's index is found by binary search over the tree, so a
 * push or pop costs O(log² n) at worst; one at either end, the common case, is checked first and
 * costs O(log n).
 */
public final class ListOrder {
    public static final ListOrder EMPTY = new ListOrder(RrbTree.empty());

    private final RrbTree.ImRrbt<byte[]> positions;

    private ListOrder(RrbTree.ImRrbt<byte[]> positions) {
        this.positions = positions;
    }

    /** The order of {@code positions}, in any order: O(n log n), for a list decoded or rebuilt whole. */
    public static ListOrder of(List<byte[]> positions) {
        List<byte[]> sorted = new ArrayList<>(positions);
        sorted.sort(ListPositions::compare);
        RrbTree.MutRrbt<byte[]> tree = RrbTree.emptyMutable();
        for (byte[] position : sorted) {
            tree.append(position);
        }
        return new ListOrder(tree.immutable());
    }

    public int size() {
        return positions.size();
    }

    /** The position at {@code index} (0 is the head). */
    public byte[] get(int index) {
        return positions.get(index);
    }

    /** This order with {@code position} in its place; this order itself when it holds it already. */
    public ListOrder with(byte[] position) {
        int at = indexOf(position);
        return at >= 0 ? this : new ListOrder(positions.insert(-at - 1, position));
    }

    /** This order without {@code position}; this order itself when it does not hold it. */
    public ListOrder without(byte[] position) {
        int at = indexOf(position);
        return at < 0 ? this : new ListOrder(positions.without(at));
    }

    /** True when both hold the same positions (so the same order). */
    public boolean samePositions(ListOrder other) {
        if (size() != other.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!java.util.Arrays.equals(get(i), other.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code position}, or {@code -(insertion point) - 1} when absent (as {@link java.util.Arrays#binarySearch}). */
    public int indexOf(byte[] position) {
        int n = positions.size();
        if (n == 0) {
            return -1;
        }
        // The ends first: pushes and pops happen there.
        int last = ListPositions.compare(position, positions.get(n - 1));
        if (last >= 0) {
            return last == 0 ? n - 1 : -n - 1;
        }
        int first = ListPositions.compare(position, positions.get(0));
        if (first <= 0) {
            return first == 0 ? 0 : -1;
        }
        int low = 1;
        int high = n - 2;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = ListPositions.compare(positions.get(mid), position);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
    }
}
