package io.ringkv.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The cells that will need the sweeper, by when: a cell with a TTL at its expiry, a dead cell
 * when its gc grace ends. So a sweep visits only what is due, never the whole store. An entry is
 * a hint: the sweeper acts only if the same cell is still stored.
 */
final class DeadlineQueue {
    record Due(long atMs, StoreKey key, Cell cell) {
    }

    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atMs, b.atMs));

    synchronized void add(long atMs, StoreKey key, Cell cell) {
        queue.add(new Due(atMs, key, cell));
    }

    /** Removes and returns up to {@code max} entries due at {@code nowMs}, earliest first. */
    synchronized List<Due> pollDue(long nowMs, int max) {
        List<Due> due = new ArrayList<>();
        while (due.size() < max && !queue.isEmpty() && queue.peek().atMs <= nowMs) {
            due.add(queue.poll());
        }
        return due;
    }

    synchronized int size() {
        return queue.size();
    }
}
