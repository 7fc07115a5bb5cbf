package io.ringkv.storage.types.list;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import java.util.ArrayList;
import java.util.List;

/**
 * A list's live elements in order, read from a cell: index 0 is the head. A cell the store holds
 * brings its order ({@link ListState}), so reading k elements costs O(k log n); a cell that came
 * from elsewhere (replicas' answers merged by a coordinator) is sorted once, O(n log n).
 */
public final class ListView {
    private static final ListView EMPTY = new ListView(null, ListOrder.EMPTY);

    /** One element: its position (the field that holds it) and its value. */
    public record Element(byte[] position, byte[] value) {
    }

    private final HashState state;
    private final ListOrder order;

    private ListView(HashState state, ListOrder order) {
        this.state = state;
        this.order = order;
    }

    /**
     * The live list in {@code cell} at {@code nowMs} (none when absent or expired).
     *
     * @throws io.ringkv.storage.types.ValueRefusedException WRONGTYPE when the key holds another type
     */
    public static ListView of(Cell cell, long nowMs) {
        HashState state = HashEdits.visible(cell, nowMs, ListType.TAG);
        return state == null ? EMPTY : new ListView(state, ListState.orderOf(cell, state));
    }

    /** False when the cell held no list (absent, expired, or nothing live). */
    public boolean exists() {
        return state != null;
    }

    public int size() {
        return order.size();
    }

    /** The position at {@code index}, without copying its element. */
    public byte[] position(int index) {
        return order.get(index);
    }

    public Element get(int index) {
        byte[] position = order.get(index);
        return new Element(position, state.get(position));
    }

    /** Elements {@code from} to {@code to} inclusive (already clamped by the caller), head first. */
    public List<Element> range(int from, int to) {
        List<Element> elements = new ArrayList<>(Math.max(0, to - from + 1));
        for (int i = from; i <= to; i++) {
            elements.add(get(i));
        }
        return elements;
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
