package io.ringkv.coordinator.hints;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.RateLimiter;
import io.ringkv.coordinator.replication.ReplicaTransport;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a node's hints when it comes back up, oldest first, throttled to
 * {@code hinted_handoff_throttle_kib} KiB/s; a hint is deleted once the replica acknowledged it.
 * Hints older than {@code max_hint_window_ms} or {@code gc_grace} are dropped instead: by then
 * repair, not hints, must reconcile the replica.
 */
public final class HintReplayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HintReplayer.class);
    private static final int BATCH = 100;
    private static final long REPLAY_CALL_TIMEOUT_MS = 10_000;

    private final HintStore store;
    private final ReplicaTransport transport;
    private final long maxHintAgeMs;
    private final LongSupplier clockMs;
    private final RateLimiter bytesPerSecond;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("hint-replay").setDaemon(true).build());

    public HintReplayer(HintStore store, ReplicaTransport transport, long maxHintAgeMs, long throttleKibPerSecond,
                        LongSupplier clockMs) {
        this.store = store;
        this.transport = transport;
        this.maxHintAgeMs = maxHintAgeMs;
        this.clockMs = clockMs;
        this.bytesPerSecond = RateLimiter.create(Math.max(1, throttleKibPerSecond) * 1024.0);
    }

    /** Queues a replay of every hint for {@code nodeId}. */
    public void replayTo(int nodeId) {
        executor.execute(() -> replayNow(nodeId));
    }

    /**
     * Also replays, every {@code intervalMs}, to each node that is Up and has hints: hints written
     * while the node was already Up again (a write that timed out on it) have no Up event to wait for.
     */
    public void replayPeriodically(long intervalMs, Supplier<List<Integer>> upNodes) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                for (int nodeId : upNodes.get()) {
                    if (store.countFor(nodeId) > 0) {
                        replayNow(nodeId);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("periodic hint replay failed", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void replayNow(int nodeId) {
        long replayed = 0;
        long dropped = 0;
        while (true) {
            List<HintStore.Hint> batch = store.oldestFor(nodeId, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (HintStore.Hint hint : batch) {
                if (clockMs.getAsLong() - hint.createdMs() > maxHintAgeMs) {
                    store.remove(hint);
                    dropped++;
                    continue;
                }
                int bytes = hint.key().length + (hint.cell().isTombstone() ? 0 : hint.cell().value().length);
                bytesPerSecond.acquire(Math.max(1, bytes));
                try {
                    transport.mutate(nodeId, hint.key(), hint.cell()).get(REPLAY_CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    store.remove(hint);
                    replayed++;
                } catch (Exception e) {
                    log.info("hint replay to node {} stopped after {} hints: {}", nodeId, replayed, e.toString());
                    return;
                } 
            }
        }
        if (replayed + dropped > 0) {
            log.info("replayed {} hints to node {} ({} too old, dropped)", replayed, nodeId, dropped);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
