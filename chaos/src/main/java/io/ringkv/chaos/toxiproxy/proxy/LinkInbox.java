package io.ringkv.chaos.toxiproxy.proxy;

import com.google.common.base.Preconditions;
import io.ringkv.chaos.toxiproxy.toxic.Piece;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Everything one link's forwarding thread waits for, behind one lock: pieces read from the source
 * (a bounded queue, so a slow toxic pushes back on the reader and the sender), the end of the
 * source, a change of the toxics, and the close of the connection. Waits also wake at a deadline.
 *
 * <p>Priorities: closed, then toxics changed (so new toxics act at once), then a due deadline,
 * then data, then the end of the stream.
 */
final class LinkInbox {

    enum Kind { CLOSED, TOXICS_CHANGED, DEADLINE, DATA, END }

    record Event(Kind kind, Piece piece, long atNanos) {}

    /** Why a timed wait returned. */
    enum Wake { REACHED, TOXICS_CHANGED, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private final int capacityPieces;
    private final LongSupplier nanoClock;
    private boolean closed;
    private boolean toxicsChanged;
    private long endAtNanos = -1;

    LinkInbox(int capacityPieces, LongSupplier nanoClock) {
        Preconditions.checkArgument(capacityPieces > 0, "capacityPieces %s (expected: > 0)", capacityPieces);
        this.capacityPieces = capacityPieces;
        this.nanoClock = nanoClock;
    }

    /** Queues a piece, waiting while the queue is full; returns false (dropping it) once closed. */
    boolean put(Piece piece) throws InterruptedException {
        lock.lock();
        try {
            while (pieces.size() >= capacityPieces && !closed) {
                changed.await();
            }
            if (closed) {
                return false;
            }
            pieces.add(piece);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void end(long atNanos) {
        signal(() -> endAtNanos = endAtNanos < 0 ? atNanos : endAtNanos);
    }

    void toxicsChanged() {
        signal(() -> toxicsChanged = true);
    }

    void close() {
        signal(() -> closed = true);
    }

    /** The next event, waiting for one until {@code deadlineNanos} at the latest. */
    Event next(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return new Event(Kind.CLOSED, null, 0);
                }
                if (toxicsChanged) {
                    toxicsChanged = false;
                    return new Event(Kind.TOXICS_CHANGED, null, 0);
                }
                long nowNanos = nanoClock.getAsLong();
                if (nowNanos >= deadlineNanos) {
                    return new Event(Kind.DEADLINE, null, nowNanos);
                }
                if (!pieces.isEmpty()) {
                    Piece piece = pieces.poll();
                    changed.signalAll();
                    return new Event(Kind.DATA, piece, piece.readyAtNanos());
                }
                // Level-triggered: if the chain that planned the close is replaced, the new one sees the end too.
                if (endAtNanos >= 0) {
                    return new Event(Kind.END, null, endAtNanos);
                }
                changed.awaitNanos(Math.min(deadlineNanos - nowNanos, TimeUnit.DAYS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code deadlineNanos}, returning early if the toxics change (without consuming that) or on close. */
    Wake sleepUntil(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return Wake.CLOSED;
                }
                long nowNanos = nanoClock.getAsLong();
                if (nowNanos >= deadlineNanos) {
                    return Wake.REACHED;
                }
                if (toxicsChanged) {
                    return Wake.TOXICS_CHANGED;
                }
                changed.awaitNanos(Math.min(deadlineNanos - nowNanos, TimeUnit.DAYS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal(Runnable update) {
        lock.lock();
        try {
            update.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
