package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The edits of list commands, as pure functions of what the coordinator observed: deltas to write. */
public final class ListEdits {
    private ListEdits() {
    }

    /** What a pop took: the delta removing it (null when nothing), its elements in pop order, whether the list existed and is now empty. */
    public record Popped(Cell delta, List<byte[]> elements, boolean existed, boolean emptied) {
    }

    /**
     * The field pairs of a push: each element at a new position at the head or the tail, in
     * argument order, each with its own version from {@code versions} (so LPUSH a b c leaves c first).
     */
    public static List<byte[]> positioned(List<byte[]> elements, LongSupplier versions, int node, boolean head) {
        List<byte[]> pairs = new ArrayList<>(elements.size() * 2);
        for (byte[] element : elements) {
            pairs.add(ListPositions.of(versions.getAsLong(), node, head));
            pairs.add(element);
        }
        return pairs;
    }

    /**
     * LPUSH/RPUSH's delta: {@code pairs} from {@link #positioned} set at {@code dot}. {@code observed}
     * needs only the new positions (a projection): it is there for the type check and an expiry.
     *
     * @throws io.ringkv.storage.types.ValueRefusedException WRONGTYPE when the key holds another type
     */
    public static Cell push(Cell observed, List<byte[]> pairs, Dot dot, long nowMs) {
        return HashEdits.set(observed, pairs, dot, nowMs, ListType.TAG).delta();
    }

    /**
     * LPOP/RPOP: takes up to {@code count} elements from the head or the tail of the list as
     * {@code observed} holds it and removes exactly those (a push it did not see stays).
     *
     * @throws io.ringkv.storage.types.ValueRefusedException WRONGTYPE when the key holds another type
     */
    public static Popped pop(Cell observed, long count, boolean head, Dot dot, long nowMs) {
        Turn turn = popEach(observed, List.of(count), head, dot, nowMs);
        Popped popped = turn.pops().get(0);
        return new Popped(turn.delta(), popped.elements(), popped.existed(), popped.emptied());
    }

    /** Pops taken in one turn ({@link #popEach}): one delta removing what all of them took, and what each took. */
    public record Turn(Cell delta, List<Popped> pops) {
    }

    /**
     * Several pops from one end taken together, in the order given: each takes the next up to
     * {@code counts[i]} elements of the list as {@code observed} holds it, as if each ran after the
     * one before had written, and one delta at {@code dot} removes them all. A pop that finds the
     * list emptied by those before it finds no list (Redis's nil). Each {@link Popped} carries no
     * delta of its own.
     *
     * @throws io.ringkv.storage.types.ValueRefusedException WRONGTYPE when the key holds another type
     */
    public static Turn popEach(Cell observed, List<Long> counts, boolean head, Dot dot, long nowMs) {
        ListView list = ListView.of(observed, nowMs);
        List<Popped> pops = new ArrayList<>(counts.size());
        List<byte[]> positions = new ArrayList<>();
        int taken = 0;
        for (long count : counts) {
            if (!list.exists() || taken > 0 && taken == list.size()) {
                pops.add(new Popped(null, List.of(), false, false));
                continue;
            }
            int n = (int) Math.min(count, list.size() - taken);
            List<byte[]> elements = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ListView.Element element = list.get(head ? taken + i : list.size() - 1 - taken - i);
                positions.add(element.position());
                elements.add(element.value());
            }
            taken += n;
            pops.add(new Popped(null, elements, true, n > 0 && taken == list.size()));
        }
        Cell delta = positions.isEmpty() ? null : HashEdits.delete(observed, positions, dot, nowMs, ListType.TAG).delta();
        return new Turn(delta, pops);
    }

    /** LSET, LINSERT: {@code value} at {@code position} (LSET: an element's own position; the value is last-write-wins). */
    public static Cell setAt(Cell observed, byte[] position, byte[] value, Dot dot, long nowMs) {
        return HashEdits.set(observed, List.of(position, value), dot, nowMs, ListType.TAG).delta();
    }

    /** LREM, LTRIM: removes the elements at {@code positions}, as observed (null when there are none). */
    public static Cell remove(Cell observed, List<byte[]> positions, Dot dot, long nowMs) {
        return positions.isEmpty() ? null : HashEdits.delete(observed, positions, dot, nowMs, ListType.TAG).delta();
    }

    /** LREM's picks: the positions of up to |count| elements equal to {@code value}, from the head (count > 0), the tail (< 0), or all (0). */
    public static List<byte[]> matching(ListView list, byte[] value, long count) {
        List<byte[]> picked = new ArrayList<>();
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        for (int i = 0; i < list.size() && picked.size() < limit; i++) {
            ListView.Element element = list.get(count < 0 ? list.size() - 1 - i : i);
            if (java.util.Arrays.equals(element.value(), value)) {
                picked.add(element.position());
            }
        }
        return picked;
    }

    /** LTRIM's removals: the positions outside {@code start..stop} (Redis's index rules); costs what it removes. */
    public static List<byte[]> outside(ListView list, long start, long stop) {
        long[] range = ListView.clamp(start, stop, list.size());
        if (range[0] > range[1]) {
            range = new long[] {list.size(), list.size() - 1};
        }
        List<byte[]> removed = new ArrayList<>();
        for (int i = 0; i < range[0]; i++) {
            removed.add(list.position(i));
        }
        for (int i = (int) range[1] + 1; i < list.size(); i++) {
            removed.add(list.position(i));
        }
        return removed;
    }

    /** LINSERT's position: just before or after the element at {@code pivot}, between it and its neighbour. */
    public static byte[] insertPosition(ListView list, int pivot, boolean before, long hlc, int node) {
        byte[] low = before ? (pivot == 0 ? null : list.get(pivot - 1).position()) : list.get(pivot).position();
        byte[] high = before ? list.get(pivot).position() : (pivot == list.size() - 1 ? null : list.get(pivot + 1).position());
        return ListPositions.between(low, high, hlc, node);
    }
}
