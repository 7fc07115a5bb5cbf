package io.ringkv.coordinator.kv;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one key at a time: a step on a key starts when the one before it on the
 * same key has finished (failed or not), steps on different keys run at once. A list pop reads,
 * then writes; two through one node at the same moment would read the same element, so this
 * node's pops of a key take turns, and each reads what the one before it wrote.
 */
public final class KeyQueue {
    private final ConcurrentHashMap<KeyIdentity, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    /** {@code step} once every step queued before it on {@code key} has finished; completes as it does. */
    public <T> CompletableFuture<T> run(byte[] key, Supplier<? extends java.util.concurrent.CompletionStage<T>> step) {
        KeyIdentity id = new KeyIdentity(key);
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<?>[] before = new CompletableFuture<?>[1];
        tails.compute(id, (k, tail) -> {
            before[0] = tail;
            return mine;
        });
        CompletableFuture<Void> turn = before[0] == null ? CompletableFuture.completedFuture(null)
                : before[0].handle((value, failure) -> null);
        turn.thenCompose(ready -> step.get()).whenComplete((value, failure) -> {
            // The last step of a key leaves no entry behind.
            tails.remove(id, mine);
            if (failure != null) {
                mine.completeExceptionally(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                mine.complete(value);
            }
        });
        return mine;
    }

    /** Keys with a step running or waiting (for tests). */
    int busyKeys() {
        return tails.size();
    }
}
