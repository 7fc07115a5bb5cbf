package io.ringkv.coordinator.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operations of one key not yet linearized, as their call and return entries in time order
 * (Wing and Gong's list). The calls before the first return are the operations that may take effect
 * next: the first return belongs to the operation that must take effect soonest, and every
 * operation invoked after it returned has to come after it.
 *
 * <p>An operation whose outcome is unknown has a call but no return: it never forces anything and
 * stays a candidate until it is linearized. {@link #lift} takes an operation out in O(1) and
 * {@link #unlift} puts it back; they must be undone in reverse order, as a depth-first search does.
 */
final class CallReturnList {
    private final Entry head = new Entry(null, -1, false);
    private final Entry tail = new Entry(null, -1, false);
    private final Entry[] callByIndex;

    /** {@code operations.get(i)} is known to the search as index {@code i}. */
    CallReturnList(List<Operation> operations) {
        callByIndex = new Entry[operations.size()];
        List<Entry> entries = new ArrayList<>(2 * operations.size());
        for (int index = 0; index < operations.size(); index++) {
            Operation operation = operations.get(index);
            Entry call = new Entry(operation, index, true);
            callByIndex[index] = call;
            entries.add(call);
            if (!operation.isOutcomeUnknown()) {
                call.matchingReturn = new Entry(operation, index, false);
                entries.add(call.matchingReturn);
            }
        }
        entries.sort(Comparator.comparingLong(Entry::time));
        Entry previous = head;
        for (Entry entry : entries) {
            link(previous, entry);
            previous = entry;
        }
        link(previous, tail);
    }

    /** Indexes of the operations that may take effect next, in invoke order. */
    int[] candidates() {
        int count = 0;
        for (Entry entry = head.next; entry != tail && entry.isCall; entry = entry.next) {
            count++;
        }
        int[] candidates = new int[count];
        Entry entry = head.next;
        for (int candidate = 0; candidate < count; candidate++, entry = entry.next) {
            candidates[candidate] = entry.index;
        }
        return candidates;
    }

    void lift(int index) {
        Entry call = callByIndex[index];
        unlink(call);
        if (call.matchingReturn != null) {
            unlink(call.matchingReturn);
        }
    }

    /** Undoes the latest {@link #lift}, which must have been of {@code index}. */
    void unlift(int index) {
        Entry call = callByIndex[index];
        if (call.matchingReturn != null) {
            relink(call.matchingReturn);
        }
        relink(call);
    }

    private static void link(Entry first, Entry second) {
        first.next = second;
        second.prev = first;
    }

    private static void unlink(Entry entry) {
        entry.prev.next = entry.next;
        entry.next.prev = entry.prev;
    }

    /** Valid only while the neighbours {@code entry} had when unlinked are themselves linked. */
    private static void relink(Entry entry) {
        entry.prev.next = entry;
        entry.next.prev = entry;
    }

    private static final class Entry {
        final Operation operation;
        final int index;
        final boolean isCall;
        Entry matchingReturn;
        Entry prev;
        Entry next;

        Entry(Operation operation, int index, boolean isCall) {
            this.operation = operation;
            this.index = index;
            this.isCall = isCall;
        }

        long time() {
            return isCall ? operation.invokedAtEvent() : operation.completedAtEvent();
        }
    }
}
