package io.ringkv.coordinator.kv;

import io.ringkv.storage.types.counter.OwnIncrements;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The keys whose recent increments this node remembers as their counter's owner, bounded in keys
 * and in time since a key's last increment. A plain concurrent map rather than a cache library's:
 * it is consulted on every increment and every write, and under INCR of random keys a cache's
 * recency queues and per-put eviction cost a sixth of the node's time (seen in a profile). Here a
 * key past the window counts as absent, and a full map forgets one key per new one, the one
 * remembered longest ago unless it was incremented since (CLOCK), in O(1).
 */
final class IncrementMemory {
    /** A second chance at most this many times per eviction, so one eviction is bounded. */
    private static final int MAX_SECOND_CHANCES = 8;

    /** An owner's record of one key, with when it was last incremented and last queued. */
    private static final class Entry {
        final OwnIncrements own;
        volatile long lastIncrementMs;
        volatile long queuedAtMs;

        Entry(OwnIncrements own, long nowMs) {
            this.own = own;
            this.lastIncrementMs = nowMs;
            this.queuedAtMs = nowMs;
        }
    }

    private final Map<KeyIdentity, Entry> entries = new ConcurrentHashMap<>();
    /** Keys in the order they were remembered (CLOCK: one incremented since it was queued goes round again). */
    private final Queue<KeyIdentity> order = new ConcurrentLinkedQueue<>();
    private final long maxKeys;
    private final long windowMs;
    private final LongSupplier clockMs;

    IncrementMemory(long maxKeys, long windowMs, LongSupplier clockMs) {
        this.maxKeys = maxKeys;
        this.windowMs = windowMs;
        this.clockMs = clockMs;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The key's record, or null when it has none or its last increment is older than the window. */
    OwnIncrements get(byte[] key) {
        Entry entry = entries.get(new KeyIdentity(key));
        if (entry == null || clockMs.getAsLong() - entry.lastIncrementMs > windowMs) {
            return null;
        }
        return entry.own;
    }

    /**
     * The key's record for an increment now, made by {@code start} when it has none (or only one
     * past the window, which it replaces in place); null when it has none and {@code start} gives
     * none. Called under the key's lock.
     */
    OwnIncrements forIncrement(byte[] key, Supplier<OwnIncrements> start) {
        long now = clockMs.getAsLong();
        KeyIdentity name = new KeyIdentity(key);
        Entry entry = entries.get(name);
        if (entry != null && now - entry.lastIncrementMs <= windowMs) {
            entry.lastIncrementMs = now;
            return entry.own;
        }
        OwnIncrements started = start.get();
        if (started == null) {
            return null;
        }
        Entry fresh = new Entry(started, now);
        if (entry != null) {
            entries.put(name, fresh);
            return fresh.own;
        }
        KeyIdentity copy = new KeyIdentity(key.clone());
        entries.put(copy, fresh);
        order.add(copy);
        if (entries.size() > maxKeys) {
            evictOne(now);
        }
        return fresh.own;
    }

    void forget(byte[] key) {
        entries.remove(new KeyIdentity(key));
    }

    /**
     * Forgets the key remembered longest ago, unless it was incremented since it was queued and
     * within the window: that one goes to the back of the queue (a bounded number of times).
     */
    private void evictOne(long now) {
        for (int chance = 0; ; chance++) {
            KeyIdentity name = order.poll();
            if (name == null) {
                return;
            }
            Entry entry = entries.get(name);
            if (entry == null) {
                continue;
            }
            boolean recent = entry.lastIncrementMs > entry.queuedAtMs && now - entry.lastIncrementMs <= windowMs;
            if (recent && chance < MAX_SECOND_CHANCES) {
                entry.queuedAtMs = now;
                order.add(name);
                continue;
            }
            entries.remove(name);
            return;
        }
    }

    int size() {
        return entries.size();
    }
}
