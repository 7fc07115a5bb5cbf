package io.ringkv.coordinator.repair;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ManagedChannel;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.command.RepairControl;
import io.ringkv.repair.LocalRepairPeer;
import io.ringkv.repair.RangeRepair;
import io.ringkv.repair.RangeRepairResult;
import io.ringkv.repair.RangeTrees;
import io.ringkv.repair.RepairPeer;
import io.ringkv.sharding.Ring;
import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.HybridClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs repair sessions from this node: one range at a time on its own thread, any range of the
 * ring (the node need not be a replica of it), one session per range cluster-wide as far as this
 * node can tell, cancellable between ranges. Also repairs, on a schedule, the ranges this node is
 * the first replica of, spread evenly over {@code repair_interval_seconds}, and rebuilds its trees
 * from the data at the start of each cycle.
 */
public final class RepairManager implements RepairControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RepairManager.class);

    private final int selfId;
    private final Membership membership;
    private final LocalRepairPeer local;
    private final RangeTrees trees;
    private final IntFunction<ManagedChannel> channels;
    private final HybridClock clock;
    private final long timeoutMs;
    private final ExecutorService sessions = Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("repair-session").setDaemon(true).build());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("repair-scheduler").setDaemon(true).build());
    private final Set<TokenRange> running = ConcurrentHashMap.newKeySet();
    private final Map<TokenRange, Completed> lastRepairs = new ConcurrentHashMap<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicLong rangesRepaired = new AtomicLong();
    private final AtomicLong rangesFailed = new AtomicLong();
    private final AtomicLong keysRepaired = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();

    private record Completed(RangeRepairResult result, long finishedAtMs) {
    }

    public RepairManager(int selfId, Membership membership, LocalRepairPeer local, RangeTrees trees,
            IntFunction<ManagedChannel> channels, HybridClock clock, long timeoutMs) {
        this.selfId = selfId;
        this.membership = membership;
        this.local = local;
        this.trees = trees;
        this.channels = channels;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    /** Starts the scheduled cycle; 0 leaves repair to operators. */
    public void schedule(long intervalSeconds) {
        if (intervalSeconds > 0) {
            scheduler.schedule(() -> runCycle(intervalSeconds), intervalSeconds, TimeUnit.SECONDS);
        }
    }

    private void runCycle(long intervalSeconds) {
        try {
            Ring ring = membership.ring();
            trees.rebuildNow(ring.ranges());
            List<TokenRange> mine = ring.primaryRanges(selfId);
            long gapMs = TimeUnit.SECONDS.toMillis(intervalSeconds) / Math.max(1, mine.size() + 1);
            for (TokenRange range : mine) {
                try {
                    repairRange(range).get();
                } catch (Exception e) {
                    log.warn("scheduled repair of {} failed: {}", range, e.getMessage());
                }
                if (scheduler.isShutdown()) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(gapMs); // pacing, not synchronisation: spreads the load over the interval
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            log.warn("scheduled repair cycle failed", e);
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> runCycle(intervalSeconds), 0, TimeUnit.SECONDS);
        }
    }

    /** Every range of the current ring, in token order. */
    @Override
    public List<TokenRange> ranges() {
        return membership.ring().ranges();
    }

    @Override
    public CompletableFuture<String> repair(TokenRange range) {
        return repairRange(range).thenApply(RepairManager::describe);
    }

    /** Repairs one range of the ring across its replicas; fails if one of them is down. */
    public CompletableFuture<RangeRepairResult> repairRange(TokenRange range) {
        Ring ring = membership.ring();
        if (!ring.ranges().contains(range)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    range + " is not a range of the ring (see REPAIR RANGES)"));
        }
        List<Integer> replicas = ring.replicasFor(range.end());
        if (replicas.size() < 2) {
            return CompletableFuture.completedFuture(
                    new RangeRepairResult(range, replicas, 0, 0, 0, 0, 0, 0));
        }
        for (int replica : replicas) {
            if (!membership.isUp(replica)) {
                rangesFailed.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "replica " + replica + " of " + range + " is down"));
            }
        }
        if (!running.add(range)) {
            return CompletableFuture.failedFuture(new IllegalStateException(range + " is already being repaired"));
        }
        return CompletableFuture.supplyAsync(() -> runSession(range, replicas), sessions)
                .whenComplete((result, failure) -> {
                    running.remove(range);
                    if (failure != null) {
                        rangesFailed.incrementAndGet();
                    } else {
                        rangesRepaired.incrementAndGet();
                        keysRepaired.addAndGet(result.keysRepaired());
                        bytesSent.addAndGet(result.bytesSent());
                        lastRepairs.put(range, new Completed(result, System.currentTimeMillis()));
                    }
                });
    }

    private RangeRepairResult runSession(TokenRange range, List<Integer> replicas) {
        if (cancelRequested.get()) {
            throw new IllegalStateException("repair cancelled");
        }
        List<RepairPeer> peers = new ArrayList<>(replicas.size());
        for (int replica : replicas) {
            peers.add(replica == selfId ? local : new GrpcRepairPeer(replica, channels.apply(replica), clock, timeoutMs));
        }
        return new RangeRepair(range, peers, timeoutMs).run();
    }

    /** Cancels queued sessions; the running one finishes its range. Later requests run again. */
    @Override
    public int cancel() {
        int queued = running.size();
        cancelRequested.set(true);
        sessions.execute(() -> cancelRequested.set(false));
        return queued;
    }

    /** The {@code INFO repair} section body. */
    public String info() {
        StringBuilder out = new StringBuilder();
        out.append("repair_ranges_repaired:").append(rangesRepaired.get()).append("\r\n");
        out.append("repair_ranges_failed:").append(rangesFailed.get()).append("\r\n");
        out.append("repair_keys_repaired:").append(keysRepaired.get()).append("\r\n");
        out.append("repair_bytes_sent:").append(bytesSent.get()).append("\r\n");
        out.append("repair_running:").append(running.size()).append("\r\n");
        int i = 0;
        for (TokenRange range : ranges()) {
            Completed done = lastRepairs.get(range);
            if (done != null) {
                RangeRepairResult r = done.result();
                out.append(String.format(Locale.ROOT,
                        "range%d:start=%d,end=%d,last_repair_ms=%d,keys_compared=%d,keys_repaired=%d,bytes_sent=%d,duration_ms=%d\r\n",
                        i, range.start(), range.end(), done.finishedAtMs(), r.keysCompared(), r.keysRepaired(),
                        r.bytesSent(), r.durationMs()));
            }
            i++;
        }
        return out.toString();
    }

    /** One line per result, the format the CLI and shell parse. */
    public static String describe(RangeRepairResult r) {
        return String.format(Locale.ROOT,
                "range=%s replicas=%s keys_compared=%d keys_repaired=%d bytes_sent=%d duration_ms=%d status=ok cells_streamed=%d cell_bytes=%d",
                r.range(), joined(r.replicas()), r.keysCompared(), r.keysRepaired(), r.bytesSent(), r.durationMs(),
                r.cellsStreamed(), r.cellBytes());
    }

    private static String joined(List<Integer> ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(out.isEmpty() ? "" : ",").append(id);
        }
        return out.toString();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sessions.shutdownNow();
    }
}
