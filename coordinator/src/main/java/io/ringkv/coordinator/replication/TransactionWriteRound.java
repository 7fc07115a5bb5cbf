package io.ringkv.coordinator.replication;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.hints.HintSink;
import io.ringkv.coordinator.kv.BatchedWrite;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The writes of one EXEC on their way to the replicas: every live replica gets its share of them
 * in one batch ({@link ReplicaTransport#writeAll}), which it applies as one step, and each write
 * counts the acks of the replicas whose batch held it against its own level. Completes when every
 * write has met its level, fails as soon as one cannot; replicas that were down or failed get
 * hints (one per key: a hint replay is not a batch) once every replica has answered, unless the
 * round failed.
 */
final class TransactionWriteRound {
    private final List<BatchedWrite> writes;
    private final ReplicaTransport transport;
    private final HintSink hints;
    private final HybridClock clock;
    private final ResponseTracker[] trackers;
    private final List<List<Integer>> missed = new ArrayList<>();
    private final Map<Integer, List<Integer>> writesByReplica = new LinkedHashMap<>();
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private int unsatisfied;
    private int replicasAnswered;

    /**
     * {@code replicasOf} gives a key's replica set; {@code live} the live ones among a set; {@code hints}
     * is null when hints are off.
     */
    TransactionWriteRound(List<BatchedWrite> writes, Function<byte[], List<Integer>> replicasOf,
                          Function<List<Integer>, List<Integer>> live, ReplicaTransport transport, HintSink hints,
                          HybridClock clock) {
        this.writes = writes;
        this.transport = transport;
        this.hints = hints;
        this.clock = clock;
        this.trackers = new ResponseTracker[writes.size()];
        for (int i = 0; i < writes.size(); i++) {
            plan(i, replicasOf.apply(writes.get(i).key()), live);
        }
    }

    /** Which replicas get write {@code i} in their batch, and what it needs; fails the round when it cannot be met. */
    private void plan(int i, List<Integer> replicas, Function<List<Integer>, List<Integer>> live) {
        BatchedWrite write = writes.get(i);
        List<Integer> alive = live.apply(replicas);
        List<Integer> down = new ArrayList<>(replicas);
        down.removeAll(alive);
        missed.add(down);
        ConsistencyLevel level = write.level();
        int required = level.requiredAcks(replicas.size());
        if (alive.isEmpty() && level == ConsistencyLevel.ANY && hints != null) {
            // ANY with every replica down: the hints are the write.
            down.forEach(node -> hints.add(node, write.key(), write.cell(), clock.physicalNowMs()));
            down.clear();
            return;
        }
        if (alive.size() < required || alive.isEmpty()) {
            result.completeExceptionally(ReplicatedKeyValueService.unavailable(level, Math.max(1, required), alive.size()));
            return;
        }
        trackers[i] = new ResponseTracker(Math.min(required, alive.size()), alive.size());
        unsatisfied++;
        for (int node : alive) {
            writesByReplica.computeIfAbsent(node, n -> new ArrayList<>()).add(i);
        }
    }

    CompletableFuture<Void> start() {
        if (result.isDone()) {
            // Refused before any replica was sent anything, as a plain write would be.
            return result;
        }
        if (unsatisfied == 0) {
            result.complete(null);
            return result;
        }
        for (Map.Entry<Integer, List<Integer>> share : writesByReplica.entrySet()) {
            int node = share.getKey();
            List<Integer> indexes = share.getValue();
            List<byte[]> keys = new ArrayList<>(indexes.size());
            List<Cell> cells = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                keys.add(writes.get(i).key());
                cells.add(writes.get(i).cell());
            }
            transport.writeAll(node, keys, cells).whenComplete((ok, failure) -> answered(node, indexes, failure));
        }
        return result;
    }

    private void answered(int node, List<Integer> indexes, Throwable failure) {
        // Refused, not missed: the client learns why, as for a plain write.
        Throwable fails = StrongKeyException.isCauseOf(failure) ? new StrongKeyException() : null;
        boolean satisfied = false;
        boolean allAnswered;
        synchronized (this) {
            for (int i : indexes) {
                ResponseTracker tracker = trackers[i];
                ResponseTracker.Outcome before = tracker.outcome();
                if (failure != null) {
                    missed.get(i).add(node);
                }
                ResponseTracker.Outcome after = failure == null ? tracker.onSuccess() : tracker.onFailure();
                if (before == ResponseTracker.Outcome.PENDING && after == ResponseTracker.Outcome.SATISFIED) {
                    unsatisfied--;
                    satisfied = unsatisfied == 0;
                } else if (after == ResponseTracker.Outcome.FAILED && fails == null) {
                    fails = ReplicatedKeyValueService.timeout(writes.get(i).level(), tracker.successes(), tracker.required());
                }
            }
            replicasAnswered++;
            allAnswered = replicasAnswered == writesByReplica.size();
        }
        if (fails != null) {
            result.completeExceptionally(fails);
        } else if (satisfied) {
            result.complete(null);
        }
        if (allAnswered && !result.isCompletedExceptionally()) {
            storeHints();
        }
    }

    private void storeHints() {
        if (hints == null) {
            return;
        }
        List<List<Integer>> targets;
        synchronized (this) {
            targets = missed.stream().map(List::copyOf).toList();
        }
        for (int i = 0; i < targets.size(); i++) {
            BatchedWrite write = writes.get(i);
            for (int node : targets.get(i)) {
                hints.addLater(node, write.key(), write.cell(), clock.physicalNowMs());
            }
        }
    }
}
