package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.cluster.ClusterTokens;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.ConsistencyException;
import io.ringkv.coordinator.linearizability.CheckResult;
import io.ringkv.coordinator.linearizability.History;
import io.ringkv.coordinator.linearizability.LinearizabilityChecker;
import io.ringkv.sharding.Ring;
import io.ringkv.storage.Cell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;

/**
 * One seeded run of the STRONG level: 5 clients read, write and compare-and-set 3 keys through
 * random coordinators of a 3- or 5-node cluster while the network loses, delays and reorders
 * messages, links are cut and nodes crash and restart (keeping their disks). Every operation is
 * recorded in a {@link History} (a TIMEOUT whose outcome is unknown as "info", as Jepsen does) and
 * the history must be linearizable.
 *
 * <p>Two variants exist only to show that the check can fail: the same workload at QUORUM (where a
 * compare-and-set is a read then a write), and acceptors that forget their promises.
 */
final class PaxosSimulation {
    enum Variant { STRONG, QUORUM_READ_THEN_WRITE, ACCEPTORS_FORGET_PROMISES }

    private static final int CLIENTS = 5;
    private static final int OPS_PER_CLIENT = 20;
    private static final int KEYS = 3;
    private static final long FAULT_WINDOW_MS = 1_500;
    private static final int MAX_EVENTS = 2_000_000;

    private final long seed;
    private final Variant variant;
    private final SplittableRandom random;
    private final EventScheduler scheduler = new EventScheduler();
    private final SimNode[] nodes;
    private final SimulatedNetwork network;
    private final History history = new History();
    private final ConsistencyLevel level;
    private final java.util.Map<String, String> lastSeen = new java.util.HashMap<>();
    private int clientsDone;
    private int valuesWritten;
    private long unknownOutcomes;
    private long failedOps;
    private long appliedCas;

    PaxosSimulation(long seed, Variant variant) {
        this.seed = seed;
        this.variant = variant;
        this.level = variant == Variant.QUORUM_READ_THEN_WRITE ? ConsistencyLevel.QUORUM : ConsistencyLevel.STRONG;
        this.random = new SplittableRandom(seed);
        int size = random.nextBoolean() ? 5 : 3;
        nodes = new SimNode[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = new SimNode(i + 1);
            if (variant == Variant.ACCEPTORS_FORGET_PROMISES) {
                nodes[i].forgetPromises();
            }
        }
        network = new SimulatedNetwork(scheduler, random.split(), nodes, 100, 20);
        Ring ring = ringOf(size);
        for (SimNode node : nodes) {
            node.wire(ring, nodes, network, scheduler, random.split());
        }
    }

    private static Ring ringOf(int size) {
        Ring ring = Ring.empty(3);
        for (int id = 1; id <= size; id++) {
            ring = ring.withNode(id, ClusterTokens.forNode(id, 8, 7));
        }
        return ring;
    }

    /** Runs the workload and checks its history. */
    CheckResult run() {
        scheduleFaults();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            scheduler.schedule(random.nextLong(10), () -> nextOp(client, 0));
        }
        scheduler.runUntilIdle(MAX_EVENTS);
        if (clientsDone != CLIENTS) {
            throw new IllegalStateException("clients did not finish: " + clientsDone + " of " + CLIENTS + "; " + summary());
        }
        return LinearizabilityChecker.check(history);
    }

    private void scheduleFaults() {
        network.lossRate(random.nextDouble() * 0.1);
        int faults = 1 + random.nextInt(4);
        for (int i = 0; i < faults; i++) {
            long at = random.nextLong(FAULT_WINDOW_MS);
            long duration = 100 + random.nextLong(400);
            if (random.nextBoolean()) {
                SimNode victim = nodes[random.nextInt(nodes.length)];
                scheduler.schedule(at, victim::crash);
                scheduler.schedule(at + duration, victim::restart);
            } else {
                int a = 1 + random.nextInt(nodes.length);
                int b = 1 + random.nextInt(nodes.length);
                if (a != b) {
                    scheduler.schedule(at, () -> network.cut(a, b));
                    scheduler.schedule(at + duration, network::healAll);
                }
            }
        }
        scheduler.schedule(FAULT_WINDOW_MS + 600, network::healAll);
    }

    private void nextOp(int client, int done) {
        if (done == OPS_PER_CLIENT) {
            clientsDone++;
            return;
        }
        String key = "k" + random.nextInt(KEYS);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        Runnable next = () -> scheduler.schedule(random.nextLong(20), () -> nextOp(client, done + 1));
        SimNode coordinator = liveCoordinator();
        if (coordinator == null) {
            next.run();
            return;
        }
        var kv = coordinator.coordinator();
        int choice = random.nextInt(10);
        if (choice < 4) {
            int id = history.invokeRead(client, key);
            kv.read(keyBytes, level).whenComplete((cell, failure) -> {
                if (failure == null) {
                    history.okRead(id, valueOf(cell));
                    if (cell != null) {
                        lastSeen.put(key, valueOf(cell));
                    }
                } else {
                    settleFailure(id, failure);
                }
                next.run();
            });
        } else if (choice < 7) {
            String value = "v" + (++valuesWritten);
            int id = history.invokeWrite(client, key, value);
            Cell cell = Cell.live(kv.newVersion(), coordinator.id(), bytes(value), Cell.NO_EXPIRY);
            kv.write(keyBytes, cell, level).whenComplete((ok, failure) -> {
                if (failure == null) {
                    history.okWrite(id);
                    lastSeen.put(key, value);
                } else {
                    settleFailure(id, failure);
                }
                next.run();
            });
        } else {
            // Mostly the value last seen for the key, so that many compare-and-sets apply.
            String expected = random.nextInt(4) > 0 && lastSeen.containsKey(key) ? lastSeen.get(key)
                    : "v" + random.nextInt(valuesWritten + 1);
            String replacement = "v" + (++valuesWritten);
            int id = history.invokeCas(client, key, expected, replacement);
            boolean[] applied = new boolean[1];
            kv.update(keyBytes, level, level, current -> {
                applied[0] = expected.equals(valueOf(current));
                return applied[0] ? Cell.live(kv.newVersion(), coordinator.id(), bytes(replacement), Cell.NO_EXPIRY) : current;
            }).whenComplete((cell, failure) -> {
                if (failure == null) {
                    history.okCas(id, applied[0]);
                    if (applied[0]) {
                        lastSeen.put(key, replacement);
                    }
                    appliedCas += applied[0] ? 1 : 0;
                } else {
                    settleFailure(id, failure);
                }
                next.run();
            });
        }
    }

    /** A failure the protocol calls definite did not apply; any other may have. */
    private void settleFailure(int id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean definite = cause instanceof ConsistencyException e && level == ConsistencyLevel.STRONG
                && !e.getMessage().contains("outcome unknown");
        if (definite) {
            history.fail(id);
            failedOps++;
        } else {
            history.info(id);
            unknownOutcomes++;
        }
    }

    private SimNode liveCoordinator() {
        return SimNode.anyRunning(nodes, random);
    }

    private String valueOf(Cell cell) {
        return cell == null || cell.isTombstone() ? null : new String(cell.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    long unknownOutcomes() {
        return unknownOutcomes;
    }

    long failedOps() {
        return failedOps;
    }

    long appliedCas() {
        return appliedCas;
    }

    long contended() {
        return Arrays.stream(nodes).mapToLong(n -> n.paxosMetrics().contended()).sum();
    }

    History history() {
        return history;
    }

    String summary() {
        return "seed " + seed + " (" + variant + "): " + nodes.length + " nodes, " + history.size() + " events, "
                + failedOps + " failed, " + unknownOutcomes + " unknown, " + appliedCas + " CAS applied, "
                + contended() + " contended, virtual time " + scheduler.nowMs() + " ms";
    }
}
