package io.ringkv.coordinator.paxos;

import io.ringkv.coordinator.kv.ConsistencyException;
import io.ringkv.coordinator.kv.RequestTrace;
import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.ClockSkewException;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.types.list.ListSlice;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The coordinator side of a STRONG operation on one key: prepare with a fresh ballot, complete a
 * proposal found in progress, let the operation decide on the newest cell the quorum holds,
 * propose its cell and commit it (see the package documentation for the invariants).
 *
 * <p>Contention (a replica promised a higher ballot) is retried after a random back-off that
 * grows with the attempts, until {@code timeoutMs} has passed. A proposal of the operation's own
 * is retried only when every replica it was sent to refused it, since then it can never be chosen.
 * When some replicas accepted it but not a quorum, it may still be chosen later by whoever finds
 * it in progress: the proposer prepares again, and if its proposal is the one in progress it
 * completes it and answers as if it had been chosen at once; otherwise the answer is TIMEOUT with
 * the outcome unknown.
 */
public final class Proposer {
    private static final long MAX_BACKOFF_MS = 100;

    /** What an operation does with the key's current cell: write {@code cell} (null: nothing) and answer {@code result}. */
    public record Decision<R>(Cell cell, R result) {
        public static <R> Decision<R> answer(R result) {
            return new Decision<>(null, result);
        }
    }

    /** An operation on the current cell (null when the key is absent); its new cell takes a fresh version. */
    @FunctionalInterface
    public interface Operation<R> {
        Decision<R> decide(Cell current);
    }

    private final int selfId;
    private final PaxosTransport transport;
    private final HybridClock clock;
    private final Delays delays;
    private final LongUnaryOperator jitter;
    private final long timeoutMs;
    private final PaxosMetrics metrics;

    /** {@code jitter.applyAsLong(bound)} is a random number in [0, bound). */
    public Proposer(int selfId, PaxosTransport transport, HybridClock clock, Delays delays, LongUnaryOperator jitter,
                    long timeoutMs, PaxosMetrics metrics) {
        this.selfId = selfId;
        this.transport = transport;
        this.clock = clock;
        this.delays = delays;
        this.jitter = jitter;
        this.timeoutMs = timeoutMs;
        this.metrics = metrics;
    }

    /**
     * Runs {@code operation} linearizably on {@code key}. {@code liveReplicas} gives the key's
     * replicas that are up now (asked again on each retry); {@code replicationCount} is the size
     * of the whole replica set, which the quorum is a majority of.
     */
    public <R> CompletableFuture<R> run(byte[] key, int replicationCount, Supplier<List<Integer>> liveReplicas,
                                        Operation<R> operation) {
        return run(key, replicationCount, liveReplicas, null, operation);
    }

    /**
     * As {@link #run(byte[], int, Supplier, Operation)}, with the operation deciding on a slice of
     * the list the key holds ({@code slice}: its first or last elements) instead of the whole
     * value, when the quorum's slices agree (see {@link ListSlice#agree}); when they do not, or
     * while settling a proposal of its own, the round reads the whole value.
     */
    public <R> CompletableFuture<R> run(byte[] key, int replicationCount, Supplier<List<Integer>> liveReplicas,
                                        ListSlice slice, Operation<R> operation) {
        metrics.operations.incrementAndGet();
        Run<R> run = new Run<>(key, replicationCount / 2 + 1, liveReplicas, slice, operation, RequestTrace.current());
        run.attempt();
        return run.result;
    }

    private final class Run<R> {
        private final byte[] key;
        private final int quorum;
        private final Supplier<List<Integer>> liveReplicas;
        private final Operation<R> operation;
        private final RequestTrace trace;
        private final long deadlineMs;
        /** The slice of the list the operation decides on; null: the whole value. */
        private ListSlice slice;
        private final CompletableFuture<R> result = new CompletableFuture<>();
        private int attempts;
        /** Our proposal after it was accepted by some replicas but not a quorum; we now only try to finish it. */
        private Decision<R> unsettled;
        /** The newest ballot under which {@link #unsettled} was proposed. */
        private Ballot unsettledBallot = Ballot.NONE;
        private int acceptsShort;

        Run(byte[] key, int quorum, Supplier<List<Integer>> liveReplicas, ListSlice slice, Operation<R> operation,
            RequestTrace trace) {
            this.key = key;
            this.slice = slice;
            this.quorum = quorum;
            this.liveReplicas = liveReplicas;
            this.operation = operation;
            this.trace = trace;
            this.deadlineMs = clock.physicalNowMs() + timeoutMs;
        }

        void attempt() {
            List<Integer> alive = liveReplicas.get();
            if (alive.size() < quorum) {
                if (unsettled != null) {
                    unknownOutcome("too few replicas alive");
                    return;
                }
                metrics.unavailable.incrementAndGet();
                fail("UNAVAILABLE STRONG needs " + quorum + ", " + alive.size() + " alive");
                return;
            }
            attempts++;
            Ballot ballot = new Ballot(clock.now(), selfId);
            // Settling our own proposal asks whether the state holds it: that needs every part it names.
            ListSlice dataSlice = unsettled == null ? slice : null;
            RequestTrace.note(trace, "paxos attempt " + attempts + ": prepare ballot " + ballot + " on " + alive
                    + (dataSlice == null ? "" : " (data: " + dataSlice + ")"));
            QuorumCall.call(alive, quorum, node -> transport.prepare(node, key, ballot, dataSlice), Promise::granted, false)
                    .whenComplete((tally, failure) -> guarded(() -> onPromises(ballot, alive, dataSlice, tally)));
        }

        private void onPromises(Ballot ballot, List<Integer> alive, ListSlice dataSlice, QuorumCall.Tally<Promise> tally) {
            for (QuorumCall.Answer<Promise> refusal : tally.unfavourable()) {
                observe(refusal.value().promised().hlc());
            }
            if (!tally.reached()) {
                if (tally.unfavourable().isEmpty() && unsettled != null) {
                    unknownOutcome("prepare not answered by a quorum");
                } else if (tally.unfavourable().isEmpty()) {
                    timeout("TIMEOUT STRONG got " + tally.favourable().size() + " of " + quorum + " promises");
                } else {
                    retryLater("prepare refused by " + tally.unfavourable().size() + " replicas");
                }
                return;
            }
            Promise inProgress = null;
            Ballot newestCommit = Ballot.NONE;
            Cell current = null;
            List<Cell> data = new java.util.ArrayList<>(tally.favourable().size());
            for (QuorumCall.Answer<Promise> answer : tally.favourable()) {
                Promise promise = answer.value();
                data.add(promise.data());
                if (promise.committed().isAfter(newestCommit)) {
                    newestCommit = promise.committed();
                }
                if (inProgress == null || promise.accepted().isAfter(inProgress.accepted())) {
                    inProgress = promise;
                }
                current = io.ringkv.storage.types.ValueTypes.merge(current, promise.data());
            }
            List<Integer> behind = new java.util.ArrayList<>();
            Cell newestCommitted = null;
            for (QuorumCall.Answer<Promise> answer : tally.favourable()) {
                Promise promise = answer.value();
                if (newestCommit.isAfter(promise.committed())) {
                    behind.add(answer.node());
                }
                if (promise.accepted().equals(newestCommit) && promise.acceptedCell() != null) {
                    newestCommitted = promise.acceptedCell();
                }
            }
            if (tally.favourable().size() - behind.size() < quorum && newestCommit.isAfter(Ballot.NONE)) {
                bringNewestCommitToAQuorum(ballot, alive, dataSlice, data, inProgress, newestCommit, newestCommitted,
                        behind, current);
                return;
            }
            afterPromises(ballot, alive, dataSlice, data, inProgress, newestCommit, current);
        }

        /**
         * The newest commit the promises show is held by fewer than a quorum of them (its proposer
         * answered on the accepts; its commits were lost or are still on the way). A proposal is a
         * typed delta, so a replica that never applies it lacks it for good, and a later quorum of
         * such replicas would decide without it (a popped element live again): commit it to the
         * promisers behind first, from the proposal a promiser still holds accepted under that
         * ballot, or else from the merged whole value, then go on with these promises.
         */
        private void bringNewestCommitToAQuorum(Ballot ballot, List<Integer> alive, ListSlice dataSlice, List<Cell> data,
                                                Promise inProgress, Ballot newestCommit, Cell newestCommitted,
                                                List<Integer> behind, Cell current) {
            Cell repair = newestCommitted;
            if (repair == null) {
                if (dataSlice != null) {
                    RequestTrace.note(trace, "commit " + newestCommit + " is behind on " + behind
                            + " and no promiser holds it: preparing again for the whole value");
                    slice = null;
                    attempt();
                    return;
                }
                repair = current;
            }
            metrics.commitsRepaired.incrementAndGet();
            Cell sent = repair;
            RequestTrace.note(trace, "commit " + newestCommit + " held by too few: committing it to " + behind);
            QuorumCall.call(behind, behind.size(), node -> transport.commit(node, key, newestCommit, sent), done -> true, false)
                    .whenComplete((repaired, failure) -> guarded(() -> {
                        if (!repaired.reached()) {
                            retryLater("could not bring commit " + newestCommit + " to a quorum");
                            return;
                        }
                        Cell withIt = io.ringkv.storage.types.ValueTypes.merge(current, sent);
                        afterPromises(ballot, alive, dataSlice, data, inProgress, newestCommit, withIt);
                    }));
        }

        private void afterPromises(Ballot ballot, List<Integer> alive, ListSlice dataSlice, List<Cell> data,
                                   Promise inProgress, Ballot newestCommit, Cell current) {
            boolean pending = inProgress.accepted().isAfter(newestCommit);
            if (unsettled != null) {
                settleOwn(ballot, alive, pending ? inProgress : null, newestCommit, current);
                return;
            }
            if (pending) {
                completeInProgress(ballot, alive, inProgress);
                return;
            }
            if (dataSlice != null && !ListSlice.agree(data)) {
                // A replica behind a commit shows what it removed as live: decide on the whole value.
                metrics.wholeReads.incrementAndGet();
                RequestTrace.note(trace, "the quorum's slices differ: preparing again for the whole value");
                slice = null;
                attempt();
                return;
            }
            decideAndPropose(ballot, alive, current);
        }

        /** Runs the operation on {@code current} and proposes what it decides, under {@code ballot} (nothing for a read). */
        private void decideAndPropose(Ballot ballot, List<Integer> alive, Cell current) {
            if (current != null) {
                observe(current.hlc());
            }
            Decision<R> decision = operation.decide(current);
            RequestTrace.note(trace, "promised by a quorum; current version " + RequestTrace.version(current)
                    + (decision.cell() == null ? ", nothing to propose" : ", proposing version " + RequestTrace.version(decision.cell())));
            if (decision.cell() == null) {
                result.complete(decision.result());
                return;
            }
            proposeOwn(ballot, alive, decision);
        }

        /** Finishes another proposer's round before this operation proposes anything of its own. */
        private void completeInProgress(Ballot ballot, List<Integer> alive, Promise inProgress) {
            metrics.inProgressCompleted.incrementAndGet();
            Cell cell = inProgress.acceptedCell();
            RequestTrace.note(trace, "completing the proposal in progress from ballot " + inProgress.accepted());
            propose(ballot, alive, cell).whenComplete((tally, failure) -> guarded(() -> {
                if (!tally.reached()) {
                    retryLater("the proposal in progress was refused");
                    return;
                }
                commit(ballot, alive, cell).whenComplete((done, commitFailure) -> guarded(this::attempt));
            }));
        }

        private void proposeOwn(Ballot ballot, List<Integer> alive, Decision<R> decision) {
            propose(ballot, alive, decision.cell()).whenComplete((tally, failure) -> guarded(() -> {
                if (tally.reached()) {
                    // Chosen: the answer no longer depends on the commit, which later rounds would finish anyway.
                    commit(ballot, alive, decision.cell()).whenComplete((done, commitFailure) ->
                            result.complete(decision.result()));
                } else if (tally.everyoneAnswered() && tally.favourable().isEmpty()) {
                    retryLater("proposal refused by every replica");
                } else {
                    unsettled = decision;
                    unsettledBallot = ballot;
                    acceptsShort = tally.favourable().size();
                    retryLater("proposal accepted by " + tally.favourable().size() + " of " + quorum + " needed");
                }
            }));
        }

        /**
         * Our proposal was accepted somewhere but not by a quorum; a quorum has now promised
         * {@code ballot}. If the key's state already holds it (as the key's cell, or merged into
         * it for a typed delta), another proposer completed it. If it is the proposal in progress,
         * finish it: then it was chosen exactly once. If another proposal is in progress, finish
         * that first and look again. With nothing in progress and no commit after our proposal's
         * ballot, it was not chosen (a quorum that accepted it would show it in progress), so it
         * may be proposed again under this ballot. After a later commit, it can no longer be
         * chosen: if the state shows it never held it ({@link io.ringkv.storage.types.ValueTypes#lacks}),
         * it was not chosen and the operation starts afresh from this
         * state. Only a proposal that may have been chosen and then written over is of unknown outcome.
         */
        private void settleOwn(Ballot ballot, List<Integer> alive, Promise inProgress, Ballot newestCommit, Cell current) {
            Cell ours = unsettled.cell();
            if (io.ringkv.storage.types.ValueTypes.holds(current, ours)) {
                RequestTrace.note(trace, "our proposal was completed by another proposer");
                result.complete(unsettled.result());
                return;
            }
            if (inProgress != null && !ours.equals(inProgress.acceptedCell())) {
                completeInProgress(ballot, alive, inProgress);
                return;
            }
            if (inProgress != null || !newestCommit.isAfter(unsettledBallot)) {
                RequestTrace.note(trace, "our proposal is not chosen yet: proposing it again under ballot " + ballot);
                proposeOwn(ballot, alive, unsettled);
                return;
            }
            if (io.ringkv.storage.types.ValueTypes.lacks(current, ours)) {
                RequestTrace.note(trace, "our proposal was not chosen and can no longer be: deciding again");
                unsettled = null;
                decideAndPropose(ballot, alive, current);
                return;
            }
            unknownOutcome("it may have been chosen and written over since");
        }

        private void unknownOutcome(String why) {
            RequestTrace.note(trace, "our proposal's outcome is unknown: " + why);
            timeout("TIMEOUT STRONG got " + acceptsShort + " of " + quorum
                    + " accepts (outcome unknown: the write may or may not apply)");
        }

        private CompletableFuture<QuorumCall.Tally<Boolean>> propose(Ballot ballot, List<Integer> alive, Cell cell) {
            return QuorumCall.call(alive, quorum, node -> transport.propose(node, key, ballot, cell), accepted -> accepted, true);
        }

        private CompletableFuture<QuorumCall.Tally<Void>> commit(Ballot ballot, List<Integer> alive, Cell cell) {
            return QuorumCall.call(alive, quorum, node -> transport.commit(node, key, ballot, cell), done -> true, false);
        }

        private void retryLater(String why) {
            metrics.retries.incrementAndGet();
            if (attempts == 1) {
                metrics.contended.incrementAndGet();
            }
            long backoffMs = 1 + jitter.applyAsLong(Math.min(MAX_BACKOFF_MS, 2L << Math.min(attempts, 6)));
            if (clock.physicalNowMs() + backoffMs >= deadlineMs) {
                if (unsettled != null) {
                    unknownOutcome("out of time");
                } else {
                    timeout("TIMEOUT STRONG contention: " + why + ", " + attempts + " attempts in " + timeoutMs + " ms");
                }
                return;
            }
            RequestTrace.note(trace, why + ": retrying in " + backoffMs + " ms");
            delays.after(backoffMs).whenComplete((done, failure) -> guarded(this::attempt));
        }

        private void observe(long hlc) {
            try {
                clock.observe(hlc);
            } catch (ClockSkewException e) {
                // A ballot or version from a clock far ahead: do not adopt it; the round simply loses.
            }
        }

        private void timeout(String message) {
            metrics.timeouts.incrementAndGet();
            fail(message);
        }

        private void fail(String message) {
            RequestTrace.note(trace, message);
            result.completeExceptionally(new ConsistencyException(message));
        }

        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
