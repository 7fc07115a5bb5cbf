package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;

/**
 * How string commands see a stored cell: a plain string as its bytes, a typed value as its type
 * shows it (a counter as its decimal value: to clients a counter is a string, as in Redis), any
 * other type refused with WRONGTYPE.
 */
final class StoredValues {
    private StoredValues() {
    }

    static boolean isLive(Cell cell, long nowMs) {
        return cell != null && cell.isLiveAt(nowMs);
    }

    /** The bytes a string command sees, or null when the key is absent; WRONGTYPE for another type. */
    static byte[] stringOf(Cell cell, long nowMs) {
        if (!isLive(cell, nowMs)) {
            return null;
        }
        return ValueTypes.stringValue(cell);
    }

    /** Refuses with WRONGTYPE a live value string commands cannot read (before a command overwrites it). */
    static void requireString(Cell cell, long nowMs) {
        stringOf(cell, nowMs);
    }

    /** MGET's view: as {@link #stringOf}, but null for a value of another type. */
    static byte[] stringOrNull(Cell cell, long nowMs) {
        try {
            return stringOf(cell, nowMs);
        } catch (ValueRefusedException wrongType) {
            return null;
        }
    }

    /** The expiry a write over this cell keeps (INCRBYFLOAT, APPEND keep a key's TTL). */
    static long expiryKept(Cell cell, long nowMs) {
        return isLive(cell, nowMs) ? cell.expiresAtMs() : Cell.NO_EXPIRY;
    }

    /**
     * After a command removed parts of a hash or set: reports {@code del} when that left the key
     * empty, as Redis does. Costs a summary read, made only while generic events are published.
     */
    static java.util.concurrent.CompletionStage<Void> notifyDelIfEmptied(CommandContext c, KeyValueService kv, byte[] key) {
        if (!c.wants(KeyspaceEvents.GENERIC)) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return kv.read(key, c.readLevel(), io.ringkv.storage.types.Summary.REQUEST).thenAccept(held -> {
            if (!isLive(held, kv.nowMs())) {
                c.notify(KeyspaceEvents.GENERIC, "del", key);
            }
        });
    }

    /**
     * A *STORE's write (SINTERSTORE and the others, SORT … STORE): {@code value} replaces the
     * destination in one write at the write level, a tombstone when the result has no elements;
     * then {@code event} for a stored result, or del when an empty one removed a key that was
     * there. Answers the result's size.
     */
    static java.util.concurrent.CompletableFuture<io.ringkv.coordinator.resp.Reply> store(CommandContext c, KeyValueService kv,
            byte[] destination, Cell value, long size, int eventClass, String event) {
        // Only an empty result needs to know whether the destination existed, for its del.
        java.util.concurrent.CompletableFuture<Boolean> existed = size == 0
                ? kv.read(destination, c.readLevel(), io.ringkv.storage.types.Summary.REQUEST).thenApply(held -> isLive(held, kv.nowMs()))
                : java.util.concurrent.CompletableFuture.completedFuture(false);
        return existed.thenCompose(deletes -> kv.write(destination, value, c.writeLevel()).thenApply(done -> {
            if (size > 0) {
                c.notify(eventClass, event, destination);
            } else if (deletes) {
                c.notify(KeyspaceEvents.GENERIC, "del", destination);
            }
            return Replies.integer(size);
        }));
    }
}
