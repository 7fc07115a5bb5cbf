package io.ringkv.storage.types.counter;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;

/**
 * An owner's memory of its own recent increments of one key's counter, each with its own version,
 * so that a SET or DEL reaching the owner late undoes only the increments versioned before it.
 *
 * <p>Why it is needed: a reset ends every share born at or before it (see {@link CounterState}),
 * so when an owner applies an increment to its share before a SET with an earlier version reaches
 * it (the SET went through another node at ONE), that increment is undone, although by version it
 * came after the SET. Replicas cannot tell which part of a share came after the reset; the owner
 * can, from this record: {@link #correction} is what it adds to its share (a new one, born now, if
 * the reset ended it) so that it counts exactly its increments versioned after the newest reset.
 *
 * <p>Bounded: it holds the last {@code capacity} increments. Everything this owner did after
 * {@link #floor} is held; for a reset at or before the floor it knows too little and corrects
 * nothing, and the increments after that reset stay undone. A node that restarts starts with none.
 * Not thread-safe: the owner changes it under the key's lock.
 */
public final class OwnIncrements {
    private final int node;
    private final int capacity;
    /** A ring of HLCs and amounts, grown by doubling up to the capacity: most keys see one or two. */
    private long[] versions;
    private long[] amounts;
    private int first;
    private int size;
    /** Every increment of this owner versioned after it is held here. */
    private Dot floor;
    /** The newest reset this record was reconciled with; volatile so a writer thread can ask cheaply. */
    private volatile Dot reconciledReset;

    private OwnIncrements(int node, int capacity, Dot floor, Dot reconciledReset) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.node = node;
        this.capacity = capacity;
        this.versions = new long[Math.min(capacity, 2)];
        this.amounts = new long[versions.length];
        this.floor = floor;
        this.reconciledReset = reconciledReset;
    }

    /**
     * A record started at an increment of the owner's existing share, from {@code current}, the
     * cell it holds before that increment. When the share holds one change, the record holds it
     * too (its birth and net are that change's version and amount), and knows everything of this
     * owner after it; else (it was forgotten since) whatever the owner did before is in that cell,
     * so the cell's version is the floor. A share's first change needs no record (a reset versioned
     * before it cannot end the share), so an owner starts one only at the second. (A share a carry
     * began counts here as one change at the carry's version, although it stands for increments
     * versioned before it: a reset between those and the carry that arrives after the owner forgot
     * the key keeps all of them.)
     */
    public static OwnIncrements startingFrom(Cell current, int node, int capacity) {
        if (current == null) {
            return new OwnIncrements(node, capacity, Dot.ZERO, null);
        }
        Dot reset = resetOf(current);
        if (current.type() == CounterType.TAG) {
            CounterState state = CounterState.of(current);
            Dot birth = state.onlyChangeOf(node);
            if (birth != null) {
                OwnIncrements own = new OwnIncrements(node, capacity, new Dot(birth.hlc() - 1, Integer.MAX_VALUE), reset);
                own.add(birth, state.shareOf(node));
                return own;
            }
        }
        return new OwnIncrements(node, capacity, Dot.of(current), reset);
    }

    /** Records an increment this owner applied at {@code version} (its HLC and this node). */
    public void add(Dot version, long amount) {
        if (version.node() != node) {
            throw new IllegalArgumentException("increment of node " + version.node() + " recorded by " + node);
        }
        if (size == versions.length && size < capacity) {
            grow();
        }
        if (size == versions.length) {
            floor = Dot.max(floor, new Dot(versions[first], node));
            first = (first + 1) % versions.length;
            size--;
        }
        int slot = (first + size) % versions.length;
        versions[slot] = version.hlc();
        amounts[slot] = amount;
        size++;
    }

    /**
     * The reset a written cell carries, when it could be newer than the one this record was last
     * reconciled with: a plain write or tombstone is one, a counter carries the one it counted from.
     * Null for other types and for cells carrying none.
     */
    public static Dot resetOf(Cell cell) {
        if (cell.isTombstone() || cell.isString()) {
            return Dot.of(cell);
        }
        if (cell.type() != CounterType.TAG) {
            return null;
        }
        return CounterState.resetVersion(cell.value());
    }

    /** True when {@code reset} is newer than every reset this record was reconciled with. */
    public boolean isNewer(Dot reset) {
        Dot known = reconciledReset;
        return reset != null && (known == null || reset.compareTo(known) > 0);
    }

    /**
     * What this owner must add to its share of {@code state} (what it holds now) so that the share
     * counts exactly its increments after the state's reset, and forgets the increments the reset
     * ended. 0 when nothing is to change or nothing can be known: no reset, a reset at or before
     * the floor, a reset holding a string that is not an integer (the counter is replaced
     * whole, as INCR would have refused to count from it), or a sum past a long.
     */
    public long reconcile(CounterState state) {
        Cell reset = state.lastPlainWrite();
        if (reset == null) {
            return 0;
        }
        Dot resetVersion = Dot.of(reset);
        if (isNewer(resetVersion)) {
            reconciledReset = resetVersion;
        }
        if (resetVersion.atOrBefore(floor) || state.resetIsNonIntegerString()) {
            forgetAtOrBefore(resetVersion);
            return 0;
        }
        long intended = 0;
        try {
            for (int i = 0; i < size; i++) {
                int slot = (first + i) % versions.length;
                if (new Dot(versions[slot], node).compareTo(resetVersion) > 0) {
                    intended = Math.addExact(intended, amounts[slot]);
                }
            }
            forgetAtOrBefore(resetVersion);
            return Math.subtractExact(intended, state.shareOf(node));
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    private void grow() {
        int length = Math.min(capacity, versions.length * 2);
        long[] newVersions = new long[length];
        long[] newAmounts = new long[length];
        for (int i = 0; i < size; i++) {
            int slot = (first + i) % versions.length;
            newVersions[i] = versions[slot];
            newAmounts[i] = amounts[slot];
        }
        versions = newVersions;
        amounts = newAmounts;
        first = 0;
    }

    /** Drops increments at or before a reset: resets only grow, so no later one counts them. */
    private void forgetAtOrBefore(Dot reset) {
        while (size > 0 && new Dot(versions[first], node).atOrBefore(reset)) {
            floor = Dot.max(floor, new Dot(versions[first], node));
            first = (first + 1) % versions.length;
            size--;
        }
    }

    /** Increments held (for tests and INFO). */
    public int size() {
        return size;
    }
}
