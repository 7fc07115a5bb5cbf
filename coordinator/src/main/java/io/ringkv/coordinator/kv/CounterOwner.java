package io.ringkv.coordinator.kv;

import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Increments;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.storage.types.counter.CounterType;
import io.ringkv.storage.types.counter.OwnIncrements;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as the owner of its counter shares: applies an increment to its own stored state under
 * the key's lock, so two increments through this node never number its share alike. The delta it
 * stores is what the coordinator then replicates.
 *
 * <p>It also remembers its recent increments of each key ({@link OwnIncrements}), so that a SET or
 * DEL that reaches it late, versioned before some of them, undoes only those before it: when a
 * write brings a newer reset, it adds the rest back to its share and replicates that delta.
 */
public final class CounterOwner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CounterOwner.class);

    /** How much it remembers: increments per key, keys, and for how long after a key's last one. */
    public record Memory(int incrementsPerKey, long keys, long windowMs) {
        public static final Memory DEFAULT = new Memory(256, 10_000, 60_000);
    }

    private final StorageEngine engine;
    private final HybridClock clock;
    private final int nodeId;
    private final KeyLocks keyLocks;
    private final Memory memory;
    private final IncrementMemory recent;
    private final ExecutorService carrier;
    private final AtomicLong carried = new AtomicLong();
    private volatile BiConsumer<byte[], Cell> replicate = (key, delta) -> { };

    public CounterOwner(StorageEngine engine, HybridClock clock, int nodeId, KeyLocks keyLocks) {
        this(engine, clock, nodeId, keyLocks, Memory.DEFAULT);
    }

    public CounterOwner(StorageEngine engine, HybridClock clock, int nodeId, KeyLocks keyLocks, Memory memory) {
        this.engine = engine;
        this.clock = clock;
        this.nodeId = nodeId;
        this.keyLocks = keyLocks;
        this.memory = memory;
        this.recent = new IncrementMemory(memory.keys(), memory.windowMs(), clock::physicalNowMs);
        this.carrier = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "counter-carry-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where a carried delta goes after it is stored here: to the key's other replicas. */
    public void replicateWith(BiConsumer<byte[], Cell> replicate) {
        this.replicate = replicate;
    }

    /**
     * Merges {@code observed} (what the coordinator read at the request's level, or null) into this
     * replica, then applies the increment to what it holds: to the key's counter, or with a
     * {@code field} to that hash field's. Completes once the delta is durable
     * here (per appendfsync); the caller flushes the AOF.
     *
     * @throws io.ringkv.storage.types.ValueRefusedException for a value that cannot be incremented
     */
    public CompletableFuture<CounterIncrement.Result> increment(byte[] key, byte[] field, long amount,
                                                                java.math.BigDecimal decimal, Cell observed) {
        Lock lock = keyLocks.of(key);
        CounterIncrement.Result result;
        CompletableFuture<Boolean> durable;
        lock.lock();
        try {
            if (observed != null) {
                engine.write(key, observed, true);
            }
            Cell current = engine.read(key);
            Dot version = new Dot(clock.now(), nodeId);
            result = Increments.apply(current, field, amount, decimal, version, clock.physicalNowMs());
            if (field == null && decimal == null) {
                remember(key, current, version, amount, result.startedShare());
            }
            durable = engine.write(key, result.delta(), true);
        } finally {
            lock.unlock();
        }
        return durable.thenApply(applied -> result);
    }

    /** Remembers an increment, from its share's second on (see {@link OwnIncrements#startingFrom}). */
    private void remember(byte[] key, Cell current, Dot version, long amount, boolean startedShare) {
        OwnIncrements own = recent.forIncrement(key,
                () -> startedShare ? null : OwnIncrements.startingFrom(current, nodeId, memory.incrementsPerKey()));
        if (own != null) {
            own.add(version, amount);
        }
    }

    /**
     * Told of every write this node stored (the engine's write watcher): when it brings a key this
     * node incremented lately a reset newer than the one its record knows, the carry runs on its own
     * thread. Quick otherwise: one lookup, and for a counter's delta a decode of its flags and reset.
     */
    public void written(byte[] key, Cell cell) {
        if (recent.isEmpty()) {
            return;
        }
        OwnIncrements own = recent.get(key);
        if (own == null) {
            return;
        }
        boolean numeric = cell.isTombstone() || cell.isString() || cell.type() == CounterType.TAG;
        if (numeric && !own.isNewer(OwnIncrements.resetOf(cell))) {
            return;
        }
        // A newer reset, or another type now (the carry forgets the key).
        byte[] copy = key.clone();
        try {
            carrier.execute(() -> carry(copy));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The node is stopping.
        }
    }

    /**
     * Adds back to this node's share its increments versioned after the key's newest reset, when
     * the reset undid some; forgets the key when it holds another type now.
     */
    void carry(byte[] key) {
        Lock lock = keyLocks.of(key);
        CounterIncrement.Result result;
        CompletableFuture<Boolean> durable;
        lock.lock();
        try {
            OwnIncrements own = recent.get(key);
            Cell current = engine.read(key);
            if (own == null || current == null) {
                return;
            }
            try {
                result = CounterIncrement.carry(current, own, new Dot(clock.now(), nodeId), clock.physicalNowMs());
            } catch (ValueRefusedException e) {
                recent.forget(key);
                return;
            }
            if (result == null) {
                return;
            }
            // Not on an event loop, so no one flushes for it: the engine does.
            durable = engine.write(key, result.delta());
        } catch (RuntimeException e) {
            log.warn("carrying increments past a reset failed", e);
            return;
        } finally {
            lock.unlock();
        }
        carried.incrementAndGet();
        durable.thenRun(() -> replicate.accept(key, result.delta()));
    }

    /** How many times a late reset's undoing was corrected (INFO). */
    public long carried() {
        return carried.get();
    }

    @Override
    public void close() {
        carrier.shutdownNow();
    }
}
