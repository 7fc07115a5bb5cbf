package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.paxos.PaxosTransport;
import io.ringkv.coordinator.paxos.Promise;
import io.ringkv.coordinator.replication.ReplicaTransport;
import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.counter.CounterIncrement;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The network between simulated nodes: every request and every answer is a message that may be
 * lost (seeded), is delayed by a random time (so messages reorder), is dropped across a partition
 * or to and from a crashed node, and a call with no answer fails at the request timeout, as a gRPC
 * deadline would. Calls a node makes to itself go straight to its store.
 */
final class SimulatedNetwork {
    private final EventScheduler scheduler;
    private final SplittableRandom random;
    private final SimNode[] nodes;
    private final long timeoutMs;
    private final long maxDelayMs;
    private final Set<Long> cutLinks = new HashSet<>();
    private double lossRate;

    SimulatedNetwork(EventScheduler scheduler, SplittableRandom random, SimNode[] nodes, long timeoutMs, long maxDelayMs) {
        this.scheduler = scheduler;
        this.random = random;
        this.nodes = nodes;
        this.timeoutMs = timeoutMs;
        this.maxDelayMs = maxDelayMs;
    }

    void lossRate(double rate) {
        this.lossRate = rate;
    }

    void cut(int a, int b) {
        cutLinks.add(link(a, b));
        cutLinks.add(link(b, a));
    }

    void healAll() {
        cutLinks.clear();
        lossRate = 0;
    }

    private static long link(int from, int to) {
        return ((long) from << 32) | to;
    }

    private boolean delivers(int from, int to) {
        return !nodes[from - 1].crashed() && !nodes[to - 1].crashed() && !cutLinks.contains(link(from, to))
                && random.nextDouble() >= lossRate;
    }

    /** Replica and Paxos calls from node {@code self}. */
    interface SimTransport extends ReplicaTransport, PaxosTransport {
    }

    SimTransport transportOf(int self) {
        return new SimTransport() {
            @Override
            public CompletableFuture<Void> mutate(int nodeId, byte[] key, Cell cell) {
                return call(self, nodeId, () -> {
                    nodes[nodeId - 1].apply(key, cell);
                    return null;
                });
            }

            @Override
            public CompletableFuture<Void> write(int nodeId, byte[] key, Cell cell) {
                return mutate(nodeId, key, cell);
            }

            @Override
            public CompletableFuture<Void> writeAll(int nodeId, java.util.List<byte[]> keys, java.util.List<Cell> cells) {
                return call(self, nodeId, () -> {
                    for (int i = 0; i < keys.size(); i++) {
                        nodes[nodeId - 1].apply(keys.get(i), cells.get(i));
                    }
                    return null;
                });
            }

            @Override
            public CompletableFuture<CounterIncrement.Result> increment(int nodeId, byte[] key, byte[] field, long amount,
                                                                        java.math.BigDecimal decimal, Cell observed) {
                return call(self, nodeId, () -> nodes[nodeId - 1].increment(key, field, amount, decimal, observed));
            }

            @Override
            public CompletableFuture<Cell> read(int nodeId, byte[] key, java.util.List<byte[]> parts) {
                return call(self, nodeId, () -> io.ringkv.storage.types.ValueTypes.answer(nodes[nodeId - 1].get(key), parts));
            }

            @Override
            public CompletableFuture<Promise> prepare(int nodeId, byte[] key, Ballot ballot,
                                                      io.ringkv.storage.types.list.ListSlice dataSlice) {
                return call(self, nodeId, () -> nodes[nodeId - 1].acceptor().prepare(key, ballot, dataSlice).join());
            }

            @Override
            public CompletableFuture<Boolean> propose(int nodeId, byte[] key, Ballot ballot, Cell cell) {
                return call(self, nodeId, () -> nodes[nodeId - 1].acceptor().propose(key, ballot, cell).join());
            }

            @Override
            public CompletableFuture<Void> commit(int nodeId, byte[] key, Ballot ballot, Cell cell) {
                return call(self, nodeId, () -> nodes[nodeId - 1].acceptor().commit(key, ballot, cell).join());
            }
        };
    }

    private <T> CompletableFuture<T> call(int from, int to, java.util.function.Supplier<T> atReplica) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (from == to) {
            complete(answer, atReplica);
            return answer;
        }
        scheduler.schedule(timeoutMs, () -> answer.completeExceptionally(
                new TimeoutException("simulated deadline: node " + to + " did not answer in " + timeoutMs + " ms")));
        if (!delivers(from, to)) {
            return answer;
        }
        // Every message carries its sender's HLC, as the gRPC ones do, and the receiver observes it.
        long sentAt = nodes[from - 1].clock().now();
        scheduler.schedule(delay(), () -> {
            if (nodes[to - 1].crashed()) {
                return;
            }
            nodes[to - 1].clock().observe(sentAt);
            CompletableFuture<T> atTarget = new CompletableFuture<>();
            complete(atTarget, atReplica);
            if (delivers(to, from)) {
                long answeredAt = nodes[to - 1].clock().current();
                scheduler.schedule(delay(), () -> atTarget.whenComplete((result, refused) -> {
                    nodes[from - 1].clock().observe(answeredAt);
                    if (refused != null) {
                        answer.completeExceptionally(refused);
                    } else {
                        answer.complete(result);
                    }
                }));
            }
        });
        return answer;
    }

    /** Runs a replica's step; a refusal (WRONGTYPE, not an integer) travels back as the failure. */
    private static <T> void complete(CompletableFuture<T> answer, java.util.function.Supplier<T> atReplica) {
        try {
            answer.complete(atReplica.get());
        } catch (RuntimeException refused) {
            answer.completeExceptionally(refused);
        }
    }

    private long delay() {
        return 1 + random.nextLong(maxDelayMs);
    }
}
