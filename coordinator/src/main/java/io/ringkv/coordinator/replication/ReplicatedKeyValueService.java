package io.ringkv.coordinator.replication;

import io.ringkv.coordinator.cluster.ClusterView;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.hints.HintSink;
import io.ringkv.coordinator.kv.BatchedWrite;
import io.ringkv.coordinator.kv.ConsistencyException;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.kv.RequestTrace;
import io.ringkv.coordinator.paxos.Proposer;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.Increments;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.storage.types.list.ListSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The coordinator: reads and writes a key's replica set at a consistency level (docs/architecture.md,
 * "A SET's path").
 *
 * <ul>
 *   <li>A write goes to every live replica and completes when the level's acks arrived; replicas
 *       that are down or fail get a hint, unless the write failed its level (then none is kept,
 *       except at ANY, where a hint alone counts as success).</li>
 *   <li>A read asks as many live replicas as the level needs (this node first), returns the
 *       newest cell, and at QUORUM and ALL writes it back to the stale ones before answering, so
 *       two QUORUM reads in a row never go backwards.</li>
 *   <li>Too few live replicas fail at once with {@code UNAVAILABLE <level> needs X, Y alive}; too
 *       few answers in time fail with {@code TIMEOUT <level> got X of Y}. Never a downgrade.</li>
 *   <li>STRONG reads, writes and read-modify-writes are Paxos rounds on the key ({@link Proposer}).</li>
 * </ul>
 */
public final class ReplicatedKeyValueService implements KeyValueService {
    private final ClusterView membership;
    private final ReplicaTransport transport;
    private final HintSink hints;
    private final boolean hintsEnabled;
    private final HybridClock clock;
    private final Proposer proposer;

    public ReplicatedKeyValueService(ClusterView membership, ReplicaTransport transport, HintSink hints,
                                     boolean hintsEnabled, HybridClock clock, Proposer proposer) {
        this.proposer = proposer;
        this.membership = membership;
        this.transport = transport;
        this.hints = hints;
        this.hintsEnabled = hintsEnabled;
        this.clock = clock;
    }

    private List<Integer> replicasOf(byte[] key) {
        return membership.ring().replicasForKey(key);
    }

    private List<Integer> live(List<Integer> replicas) {
        List<Integer> alive = new ArrayList<>(replicas.size());
        int self = membership.selfId();
        if (replicas.contains(self)) {
            alive.add(self);
        }
        for (int node : replicas) {
            if (node != self && membership.isUp(node)) {
                alive.add(node);
            }
        }
        return alive;
    }

    private <R> CompletableFuture<R> strong(byte[] key, Proposer.Operation<R> operation) {
        return strong(key, null, operation);
    }

    /** With {@code parts} asking for a list's end ({@link ListSlice}), the round decides on that end only. */
    private <R> CompletableFuture<R> strong(byte[] key, List<byte[]> parts, Proposer.Operation<R> operation) {
        List<Integer> replicas = replicasOf(key);
        return proposer.run(key, replicas.size(), () -> live(replicas), parts == null ? null : ListSlice.of(parts), operation);
    }

    @Override
    public CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level) {
        return read(key, level, null, RequestTrace.current());
    }

    @Override
    public CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level, List<byte[]> parts) {
        return read(key, level, parts, RequestTrace.current());
    }

    /** A read at the level; with {@code parts}, of only those parts (a STRONG read is of the whole, or of a list's end). */
    private CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level, List<byte[]> parts, RequestTrace trace) {
        return read(key, level, parts, SUMMARY_RETRIES, trace);
    }

    /** As above; {@code summaryRetries}: how many more times summaries that differ are asked for. */
    private CompletableFuture<Cell> read(byte[] key, ConsistencyLevel level, List<byte[]> parts, int summaryRetries,
                                         RequestTrace trace) {
        if (level == ConsistencyLevel.STRONG) {
            return strong(key, parts, Proposer.Decision::answer);
        }
        List<Integer> replicas = replicasOf(key);
        if (level == ConsistencyLevel.ANY) {
            if (replicas.contains(membership.selfId())) {
                return transport.read(membership.selfId(), key, parts);
            }
            level = ConsistencyLevel.ONE;
        }
        List<Integer> alive = live(replicas);
        int required = level.requiredAcks(replicas.size());
        if (alive.size() < required) {
            return CompletableFuture.failedFuture(unavailable(level, required, alive.size()));
        }
        List<Integer> targets = alive.subList(0, required);
        RequestTrace.note(trace, "read at " + level + ": replicas " + replicas + ", alive " + alive + ", asking " + targets);
        List<CompletableFuture<Cell>> answers = new ArrayList<>(targets.size());
        for (int node : targets) {
            CompletableFuture<Cell> answer = transport.read(node, key, parts);
            if (trace != null) {
                // The traced future is the one waited on, so the event is recorded before the read resolves.
                answer = answer.whenComplete((cell, failure) -> trace.event(failure == null
                        ? "node " + node + " answered version " + RequestTrace.version(cell)
                        : "node " + node + " failed: " + failure.getMessage()));
            }
            answers.add(answer);
        }
        ConsistencyLevel readLevel = level;
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            if (failure != null) {
                long got = answers.stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count();
                throw timeout(readLevel, got, required);
            }
            return null;
        }).thenCompose(done -> parts == Summary.LARGEST ? largestSummary(answers)
                : Summary.isRequest(parts) ? agreedSummary(key, readLevel, parts, answers, summaryRetries, trace)
                : ListSlice.of(parts) != null ? agreedSlice(key, readLevel, ListSlice.of(parts), answers, trace)
                : resolve(key, readLevel, targets, answers, trace));
    }

    /** The widest slice read again before a disagreement falls back to reading the whole list. */
    private static final int MAX_SLICE_RETRY = 4096;

    /** The answered summary that counts most (a push's length: a loose count, never a whole read). */
    private static CompletableFuture<Cell> largestSummary(List<CompletableFuture<Cell>> answers) {
        Cell largest = null;
        long most = -1;
        for (CompletableFuture<Cell> answer : answers) {
            Cell cell = answer.join();
            long count = cell == null || cell.type() != Summary.TAG ? 0 : Summary.of(cell).count();
            if (largest == null || count > most) {
                largest = cell;
                most = count;
            }
        }
        return CompletableFuture.completedFuture(largest);
    }

    /** How many times summaries that differ are asked for again before the whole value is read. */
    private static final int SUMMARY_RETRIES = 2;

    /**
     * The summary the replicas asked agree on. When they differ, they are asked again (a write on
     * its way to one of them has usually landed by then: under concurrent pushes and pops most
     * differences are that), and only then is the whole value read at the level (which repairs
     * them), since summaries cannot be merged.
     */
    private CompletableFuture<Cell> agreedSummary(byte[] key, ConsistencyLevel level, List<byte[]> parts,
                                                  List<CompletableFuture<Cell>> answers, int retries, RequestTrace trace) {
        Cell first = answers.get(0).join();
        for (CompletableFuture<Cell> answer : answers) {
            if (!java.util.Objects.equals(first, answer.join())) {
                if (retries > 0) {
                    RequestTrace.note(trace, "summaries differ: asking again");
                    return read(key, level, parts, retries - 1, trace);
                }
                RequestTrace.note(trace, "summaries differ: reading the whole value");
                return read(key, level, null, trace);
            }
        }
        return CompletableFuture.completedFuture(first);
    }

    /**
     * The merge of the replicas' slices of a list when they hold the same positions (then it is the
     * merged list's slice). When they differ (a replica lags behind pushes or pops), the elements
     * shipped are read again by name at the level, which brings their removals and repairs the
     * replicas that lack them, and the merge is kept up to what every replica shipped
     * ({@link ListSlice#within}); if too few elements remain there, a slice four times wider is
     * read (its answer holds more than asked: a prefix or suffix of the list), and only past
     * {@value #MAX_SLICE_RETRY} elements the whole list.
     */
    private CompletableFuture<Cell> agreedSlice(byte[] key, ConsistencyLevel level, ListSlice slice,
                                                List<CompletableFuture<Cell>> answers, RequestTrace trace) {
        List<Cell> cells = new ArrayList<>(answers.size());
        answers.forEach(answer -> cells.add(answer.join()));
        Cell merged = null;
        for (Cell cell : cells) {
            merged = ValueTypes.merge(merged, cell);
        }
        if (ListSlice.agree(cells)) {
            return CompletableFuture.completedFuture(merged);
        }
        List<byte[]> shipped = ListSlice.livePositionsOf(merged);
        if (merged == null || merged.type() != io.ringkv.storage.types.list.ListType.TAG || shipped.isEmpty()) {
            RequestTrace.note(trace, "slices differ: reading the whole value");
            return read(key, level, null, trace);
        }
        byte[] bound = slice.bound(cells);
        Cell union = merged;
        RequestTrace.note(trace, "slices differ: reading their " + shipped.size() + " elements by name");
        return read(key, level, shipped, trace).thenCompose(named -> {
            Cell exact = slice.within(ValueTypes.merge(union, named), bound);
            if (exact != null) {
                return CompletableFuture.completedFuture(exact);
            }
            if (slice.count() < MAX_SLICE_RETRY) {
                // The replica behind was repaired by the read by name; a wider slice usually agrees now.
                RequestTrace.note(trace, "too few elements left after the check: reading a slice four times wider");
                return read(key, level, ListSlice.request(slice.head(), slice.count() * 4), trace);
            }
            RequestTrace.note(trace, "too few elements left after the check: reading the whole value");
            return read(key, level, null, trace);
        });
    }

    /**
     * The merge of the answers (the newest for strings, the CRDT join for typed values); at QUORUM
     * and ALL, replicas that hold less than it are repaired before answering.
     */
    private CompletableFuture<Cell> resolve(byte[] key, ConsistencyLevel level, List<Integer> targets,
                                            List<CompletableFuture<Cell>> answers, RequestTrace trace) {
        Cell newest = null;
        for (CompletableFuture<Cell> answer : answers) {
            newest = ValueTypes.merge(newest, answer.join());
        }
        RequestTrace.note(trace, "newest version " + RequestTrace.version(newest));
        if (newest == null || level == ConsistencyLevel.ONE) {
            return CompletableFuture.completedFuture(newest);
        }
        List<CompletableFuture<Void>> repairs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Cell held = answers.get(i).join();
            if (held == null || !held.equals(newest)) {
                int node = targets.get(i);
                RequestTrace.note(trace, "node " + node + " is stale (" + RequestTrace.version(held) + "): repairing");
                CompletableFuture<Void> repair = transport.mutate(node, key, newest);
                if (trace != null) {
                    repair = repair.whenComplete((ok, failure) -> trace.event(failure == null ? "node " + node + " repaired"
                            : "node " + node + " repair failed: " + failure.getMessage()));
                }
                repairs.add(repair);
            }
        }
        Cell result = newest;
        if (repairs.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return CompletableFuture.allOf(repairs.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            if (failure != null) {
                throw timeout(level, answers.size() - repairs.size(), answers.size());
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<Void> write(byte[] key, Cell cell, ConsistencyLevel level) {
        return write(key, cell, level, RequestTrace.current());
    }

    private CompletableFuture<Void> write(byte[] key, Cell cell, ConsistencyLevel level, RequestTrace trace) {
        if (level == ConsistencyLevel.STRONG) {
            // The version is issued again after the prepare, so the write wins over every version it saw.
            return strong(key, current -> new Proposer.Decision<Void>(cell.withVersion(newVersion(), nodeId()), null));
        }
        List<Integer> replicas = replicasOf(key);
        List<Integer> alive = live(replicas);
        int required = level.requiredAcks(replicas.size());
        if (level != ConsistencyLevel.ANY && alive.size() < required) {
            return CompletableFuture.failedFuture(unavailable(level, required, alive.size()));
        }
        List<Integer> down = new ArrayList<>(replicas);
        down.removeAll(alive);
        if (alive.isEmpty()) {
            // ANY with every replica down: the hints are the write.
            if (!hintsEnabled) {
                return CompletableFuture.failedFuture(unavailable(level, 1, 0));
            }
            down.forEach(node -> hints.add(node, key, cell, clock.physicalNowMs()));
            return CompletableFuture.completedFuture(null);
        }
        RequestTrace.note(trace, "write of version " + RequestTrace.version(cell) + " at " + level + ": replicas "
                + replicas + ", sending to " + alive + (down.isEmpty() ? "" : ", down " + down));
        return new WriteRound(key, cell, level, Math.min(required, alive.size()), alive, down, trace).start();
    }

    /** One write: counts acks, decides the outcome, hints the replicas that missed it. */
    private final class WriteRound {
        private final byte[] key;
        private final Cell cell;
        private final ConsistencyLevel level;
        private final List<Integer> alive;
        private final List<Integer> missed;
        private final ResponseTracker tracker;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final RequestTrace trace;
        private int answers;

        WriteRound(byte[] key, Cell cell, ConsistencyLevel level, int required, List<Integer> alive,
                   List<Integer> down, RequestTrace trace) {
            this.trace = trace;
            this.key = key;
            this.cell = cell;
            this.level = level;
            this.alive = alive;
            this.missed = new ArrayList<>(down);
            this.tracker = new ResponseTracker(required, alive.size());
        }

        CompletableFuture<Void> start() {
            for (int node : alive) {
                transport.write(node, key, cell).whenComplete((ok, failure) -> {
                    RequestTrace.note(trace, failure == null ? "node " + node + " acknowledged"
                            : "node " + node + " failed: " + failure.getMessage());
                    if (StrongKeyException.isCauseOf(failure)) {
                        // Refused, not missed: no hint, and the client learns why.
                        result.completeExceptionally(new StrongKeyException());
                    }
                    answered(node, failure == null);
                });
            }
            return result;
        }

        private void answered(int node, boolean ok) {
            ResponseTracker.Outcome outcome;
            boolean allAnswered;
            synchronized (this) {
                answers++;
                if (!ok) {
                    missed.add(node);
                }
                outcome = ok ? tracker.onSuccess() : tracker.onFailure();
                allAnswered = answers == alive.size();
            }
            if (outcome == ResponseTracker.Outcome.SATISFIED) {
                result.complete(null);
            } else if (outcome == ResponseTracker.Outcome.FAILED) {
                result.completeExceptionally(timeout(level, tracker.successes(), tracker.required()));
            }
            // Hints only once the fate of every replica is known, and only for a write that met its level.
            if (allAnswered && !result.isCompletedExceptionally()) {
                storeHints();
            }
        }

        private void storeHints() {
            if (!hintsEnabled) {
                return;
            }
            List<Integer> targets;
            synchronized (this) {
                targets = List.copyOf(missed);
            }
            for (int node : targets) {
                RequestTrace.note(trace, "hint stored for node " + node);
                hints.addLater(node, key, cell, clock.physicalNowMs());
            }
        }
    }

    @Override
    public CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                          UnaryOperator<Cell> update) {
        return update(key, readLevel, writeLevel, null, update);
    }

    @Override
    public CompletableFuture<Cell> update(byte[] key, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                                          List<byte[]> parts, UnaryOperator<Cell> update) {
        // Below STRONG a read-modify-write is a read then a write: two concurrent updates through
        // different coordinators can overwrite each other (last write wins). The README says so.
        if (readLevel == ConsistencyLevel.STRONG || writeLevel == ConsistencyLevel.STRONG) {
            return strong(key, parts, current -> {
                Cell next = update.apply(current);
                return next == null || next == current ? Proposer.Decision.answer(current) : new Proposer.Decision<>(next, next);
            });
        }
        RequestTrace trace = RequestTrace.current();
        return read(key, readLevel, parts, trace).thenCompose(current -> {
            Cell next = update.apply(current);
            if (next == null || next == current) {
                return CompletableFuture.completedFuture(current);
            }
            return write(key, next, writeLevel, trace).thenApply(done -> next);
        });
    }

    @Override
    public CompletableFuture<Void> writeAll(List<BatchedWrite> writes) {
        return new TransactionWriteRound(writes, this::replicasOf, this::live, transport, hintsEnabled ? hints : null, clock)
                .start();
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> applyIncrement(byte[] key, byte[] field, long amount,
            java.math.BigDecimal decimal, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        if (readLevel == ConsistencyLevel.STRONG || writeLevel == ConsistencyLevel.STRONG) {
            return strong(key, current -> {
                CounterIncrement.Result result = Increments.apply(current, field, amount, decimal, new Dot(newVersion(), nodeId()),
                        nowMs());
                return new Proposer.Decision<>(ValueTypes.merge(current, result.delta()), result);
            });
        }
        RequestTrace trace = RequestTrace.current();
        return ownerIncrement(key, field, amount, decimal, null, readLevel, writeLevel, trace).thenCompose(result ->
                write(key, result.delta(), writeLevel, trace).thenApply(done -> result));
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> ownerIncrement(byte[] key, byte[] field, long amount,
            java.math.BigDecimal decimal, Cell alsoObserved, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {
        return ownerIncrement(key, field, amount, decimal, alsoObserved, readLevel, writeLevel, RequestTrace.current());
    }

    private CompletableFuture<CounterIncrement.Result> ownerIncrement(byte[] key, byte[] field, long amount,
            java.math.BigDecimal decimal, Cell alsoObserved, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
            RequestTrace trace) {
        List<Integer> replicas = replicasOf(key);
        List<Integer> alive = live(replicas);
        int required = writeLevel == ConsistencyLevel.ANY ? 1 : writeLevel.requiredAcks(replicas.size());
        if (alive.size() < required) {
            // Refused before any replica applies it, as a plain write would be.
            return CompletableFuture.failedFuture(unavailable(writeLevel, required, alive.size()));
        }
        // This node owns its share when it is a replica; otherwise the first live replica does.
        int owner = alive.get(0);
        // At ONE and ANY the owner's own copy is what the request observes; above, a read at the
        // level, merged into the owner's copy first, so the increment counts from everything a
        // quorum acknowledged (a SET among it included) and the reply includes it.
        boolean observe = readLevel == ConsistencyLevel.QUORUM || readLevel == ConsistencyLevel.ALL;
        // HINCRBY observes only its field.
        List<byte[]> parts = field == null ? null : List.of(field);
        CompletableFuture<Cell> observed = observe ? read(key, readLevel, parts, trace) : CompletableFuture.completedFuture(null);
        return observed.thenCompose(seen -> {
            RequestTrace.note(trace, "increment by " + amount + ": node " + owner + " applies it to its share");
            return transport.increment(owner, key, field, amount, decimal, ValueTypes.merge(seen, alsoObserved));
        }).thenApply(result -> {
            RequestTrace.note(trace, "node " + owner + " made delta " + RequestTrace.version(result.delta())
                    + ", value " + result.value());
            return result;
        });
    }

    @Override
    public long newVersion() {
        return clock.now();
    }

    @Override
    public int nodeId() {
        return membership.selfId();
    }

    @Override
    public long nowMs() {
        return clock.physicalNowMs();
    }

    static ConsistencyException unavailable(ConsistencyLevel level, int needed, int alive) {
        return new ConsistencyException("UNAVAILABLE " + level + " needs " + needed + ", " + alive + " alive");
    }

    static ConsistencyException timeout(ConsistencyLevel level, long got, int of) {
        return new ConsistencyException("TIMEOUT " + level + " got " + got + " of " + of);
    }
}
