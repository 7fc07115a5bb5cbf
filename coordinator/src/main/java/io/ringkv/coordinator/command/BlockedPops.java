package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The clients of this node blocked in BLPOP and its family. A blocked client waits on its keys in
 * the order it arrived (the first blocked is served first); a push through this node to one of
 * them, or a write to one that reaches this node as a replica of the key, lets the first waiter
 * try its pop again, and a re-check every {@code recheckMs} covers a push that reached none of
 * those (a lost message, or a key this node does not replicate): never a busy poll. While it waits, a client is out of the
 * transaction gate, so an EXEC on this node does not wait for it.
 */
final class BlockedPops implements AutoCloseable {
    /** One blocked command: its keys, its pop (null when still nothing to take), its reply. */
    private final class Waiter {
        final long clientId;
        final List<String> keys;
        final Supplier<CompletableFuture<Reply>> attempt;
        final Reply onTimeout;
        final CompletableFuture<Reply> reply = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        boolean trying;
        boolean done;
        /** A timeout or CLIENT UNBLOCK that came during an attempt: the answer if the attempt takes nothing. */
        Reply endWith;

        Waiter(long clientId, List<String> keys, Supplier<CompletableFuture<Reply>> attempt, Reply onTimeout) {
            this.clientId = clientId;
            this.keys = keys;
            this.attempt = attempt;
            this.onTimeout = onTimeout;
        }
    }

    private final TransactionGate gate;
    private final Map<String, ArrayDeque<Waiter>> byKey = new HashMap<>();
    /** The keys of {@link #byKey}, readable without the lock: a write to a key no one waits on costs one lookup. */
    private final java.util.Set<String> waitedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "blocked-pops");
        thread.setDaemon(true);
        return thread;
    });

    /** Told the keys clients wait on, when they start and at every re-check (a node that does not replicate them asks their replicas). */
    private volatile java.util.function.Consumer<java.util.Collection<byte[]>> watch = keys -> { };

    BlockedPops(TransactionGate gate, long recheckMs) {
        this.gate = gate;
        timer.scheduleWithFixedDelay(this::recheckAll, recheckMs, recheckMs, TimeUnit.MILLISECONDS);
    }

    private static String name(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    /**
     * Blocks until {@code attempt} answers a reply (it answers null while there is nothing to take)
     * after a push to one of {@code keys}, or until {@code timeoutMs} (0: never) passes, answering
     * {@code onTimeout}. The caller (client {@code clientId}) is inside the gate; it leaves it while waiting.
     */
    CompletableFuture<Reply> block(long clientId, List<byte[]> keys, double timeoutMs, Supplier<CompletableFuture<Reply>> attempt,
                                   Reply onTimeout) {
        List<String> names = keys.stream().map(BlockedPops::name).distinct().toList();
        Waiter waiter = new Waiter(clientId, names, attempt, onTimeout);
        synchronized (this) {
            for (String key : names) {
                byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(waiter);
                waitedOn.add(key);
            }
            if (timeoutMs > 0) {
                waiter.timer = timer.schedule(() -> finish(waiter, onTimeout), Math.max(1, (long) Math.ceil(timeoutMs)),
                        TimeUnit.MILLISECONDS);
            }
        }
        gate.exit();
        watch.accept(keys);
        return waiter.reply;
    }

    /** A push to {@code key} through this node: its first waiter tries again. */
    void signal(byte[] key) {
        if (!waitsOn(key)) {
            return;  // the common case, a push no one waits for: no lock
        }
        Waiter first;
        synchronized (this) {
            ArrayDeque<Waiter> waiting = byKey.get(name(key));
            first = waiting == null ? null : waiting.peekFirst();
        }
        if (first != null) {
            retry(first);
        }
    }

    /** True when a client here waits on {@code key}; without the lock, so a writer can ask cheaply. */
    boolean waitsOn(byte[] key) {
        return !waitedOn.isEmpty() && waitedOn.contains(name(key));
    }

    /**
     * A push to {@code key} reached this node's store, from any coordinator (this node as a
     * replica of the key): its first waiter tries again, on the timer's thread, not the writer's.
     */
    void wake(byte[] key) {
        timer.execute(() -> signal(key));
    }

    /**
     * CLIENT UNBLOCK: ends client {@code clientId}'s wait with {@code answer}, or with its timeout's
     * answer when null; false when that client is not blocked here.
     */
    boolean unblock(long clientId, Reply answer) {
        Waiter found = null;
        synchronized (this) {
            for (ArrayDeque<Waiter> waiting : byKey.values()) {
                for (Waiter waiter : waiting) {
                    if (waiter.clientId == clientId) {
                        found = waiter;
                    }
                }
            }
        }
        return found != null && finish(found, answer != null ? answer : found.onTimeout);
    }

    void watchWith(java.util.function.Consumer<java.util.Collection<byte[]>> watch) {
        this.watch = watch;
    }

    private void recheckAll() {
        if (!waitedOn.isEmpty()) {
            watch.accept(waitedOn.stream().map(key -> key.getBytes(StandardCharsets.ISO_8859_1)).toList());
        }
        waiters().forEach(this::retry);
    }

    private void retry(Waiter waiter) {
        synchronized (this) {
            if (waiter.done || waiter.trying) {
                return;
            }
            waiter.trying = true;
        }
        enterGate().thenCompose(entered -> waiter.attempt.get()).whenComplete((answer, failure) -> {
            Reply result = null;
            Throwable failed = null;
            synchronized (this) {
                waiter.trying = false;
                if (!waiter.done) {
                    if (failure != null) {
                        failed = failure;
                    } else {
                        result = answer != null ? answer : waiter.endWith;
                    }
                    if (failed != null || result != null) {
                        release(waiter);
                    }
                }
            }
            // When it ends here the gate stays entered: the connection's exit for this command balances it.
            if (failed != null) {
                waiter.reply.completeExceptionally(failed);
            } else if (result != null) {
                waiter.reply.complete(result);
            } else {
                gate.exit();
            }
        });
    }

    /** Ends a wait with {@code answer} (timeout, CLIENT UNBLOCK), once: false when it had ended. */
    private boolean finish(Waiter waiter, Reply answer) {
        synchronized (this) {
            if (waiter.done) {
                return false;
            }
            if (waiter.trying) {
                waiter.endWith = answer;
                return true;
            }
            release(waiter);
        }
        enterGate().thenRun(() -> waiter.reply.complete(answer));
        return true;
    }

    /** Under the lock: the waiter leaves every queue and its timer stops. */
    private void release(Waiter waiter) {
        waiter.done = true;
        if (waiter.timer != null) {
            waiter.timer.cancel(false);
        }
        for (String key : waiter.keys) {
            ArrayDeque<Waiter> waiting = byKey.get(key);
            if (waiting != null) {
                waiting.remove(waiter);
                if (waiting.isEmpty()) {
                    byKey.remove(key);
                    waitedOn.remove(key);
                }
            }
        }
    }

    /** Enters the gate, after the EXEC holding it if one does. */
    private CompletableFuture<Void> enterGate() {
        if (gate.tryEnter()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> exec = gate.closedUntil();
        return (exec == null ? CompletableFuture.<Void>completedFuture(null) : exec).thenCompose(x -> enterGate());
    }

    /** How many clients wait (INFO's blocked_clients). */
    int blockedClients() {
        return waiters().size();
    }

    /** Every waiting client once (one waiting on several keys is in several queues), in the order they blocked on their first key. */
    private synchronized java.util.Set<Waiter> waiters() {
        java.util.Set<Waiter> all = new java.util.LinkedHashSet<>();
        byKey.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
