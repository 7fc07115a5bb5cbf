package io.ringkv.coordinator.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes EXEC isolated from the other commands this node coordinates, as Redis's single thread
 * does: an EXEC waits until no other command is in flight, and while it runs, commands arriving
 * on other connections wait for it. EXECs take turns. Commands enter through the connection
 * ({@link #tryEnter}, {@link #exit}); the fast path is one atomic increment and one decrement.
 * Commands that peers send for this node's replicas do not pass here: across nodes, below
 * STRONG, a transaction is not isolated (the README says so).
 */
public final class TransactionGate {
    private final AtomicInteger running = new AtomicInteger();
    private final Object turns = new Object();
    /** Completes when the EXEC holding the gate (or waiting for it to drain) is done; null while open. */
    private volatile CompletableFuture<Void> closed;
    /** Completed by the command whose exit leaves none running, for the EXEC waiting on it. */
    private CompletableFuture<Void> drained;
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);

    /**
     * A command (not EXEC) asks to run: true, counted, when it may; false while an EXEC holds the
     * gate, when the caller waits for {@link #closedUntil()} and asks again.
     */
    public boolean tryEnter() {
        running.incrementAndGet();
        if (closed != null) {
            exit();
            return false;
        }
        return true;
    }

    /** A command that entered has its reply. */
    public void exit() {
        if (running.decrementAndGet() == 0 && closed != null) {
            synchronized (turns) {
                if (drained != null && running.get() == 0) {
                    drained.complete(null);
                }
            }
        }
    }

    /** What a command that could not enter waits for; null (or complete) when the gate is open. */
    public CompletableFuture<Void> closedUntil() {
        return closed;
    }

    /** Runs {@code body} once no other command is in flight, holding later ones back until it completes. */
    <T> CompletableFuture<T> exclusively(Supplier<CompletableFuture<T>> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (turns) {
            CompletableFuture<Void> previous = lastTurn;
            lastTurn = done;
            previous.thenRun(() -> close(done).thenCompose(x -> body.get()).whenComplete((value, failure) -> {
                open();
                done.complete(null);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            }));
        }
        return result;
    }

    /** Shuts the gate for this turn; completes once the commands already in flight have finished. */
    private CompletableFuture<Void> close(CompletableFuture<Void> turn) {
        synchronized (turns) {
            closed = turn;
            drained = new CompletableFuture<>();
            if (running.get() == 0) {
                drained.complete(null);
            }
            return drained;
        }
    }

    private void open() {
        synchronized (turns) {
            closed = null;
            drained = null;
        }
    }
}
