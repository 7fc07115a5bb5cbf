package io.ringkv.storage.types.list;

import io.ringkv.storage.types.hash.HashState;
import java.util.ArrayList;
import java.util.List;

/**
 * A list's live elements in order, read from its state: index 0 is the head. Sorting the
 * positions costs O(n log n) per view; an index kept with the state is what makes reads at the
 * ends cheap (not yet).
 */
public final class ListView {
    /** One element: its position (the field that holds it) and its value. */
    public record Element(byte[] position, byte[] value) {
    }

    private final List<Element> elements;

    private ListView(List<Element> elements) {
        this.elements = elements;
    }

    /** The elements of {@code state} (null: an empty list). */
    public static ListView of(HashState state) {
        List<Element> elements = new ArrayList<>(state == null ? 0 : state.size());
        if (state != null) {
            state.forEachLive((position, value) -> elements.add(new Element(position, value)));
        }
        elements.sort((a, b) -> ListPositions.compare(a.position(), b.position()));
        return new ListView(elements);
    }

    public int size() {
        return elements.size();
    }

    public Element get(int index) {
        return elements.get(index);
    }

    /** Elements {@code from} to {@code to} inclusive (already clamped by the caller), head first. */
    public List<Element> range(int from, int to) {
        return from > to ? List.of() : elements.subList(from, to + 1);
    }

    /**
     * Redis's range rules for LRANGE and LTRIM: negative indexes count from the end, the start is
     * clamped at 0 and the stop at the last index; {@code [from, to]}, empty when from > to.
     */
    public static long[] clamp(long start, long stop, long size) {
        long from = start < 0 ? Math.max(0, start + size) : start;
        long to = stop < 0 ? stop + size : Math.min(stop, size - 1);
        return from >= size ? new long[] {1, 0} : new long[] {from, to};
    }
}
