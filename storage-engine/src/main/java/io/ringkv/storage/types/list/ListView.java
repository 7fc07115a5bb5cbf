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
}
