package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.cluster.ClusterTokens;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.sharding.Ring;
import io.ringkv.storage.Cell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One seeded run: clients read and write a few keys at QUORUM through random coordinators while
 * the network loses, delays and reorders messages, links are cut and nodes crash and restart.
 * Checked as it runs: every QUORUM read returns a version at least as new as every write
 * acknowledged before the read began. Checked at the end, after healing: hint replay alone puts
 * every acknowledged write on every replica, and after one ALL read per key (read repair) every
 * replica holds the same cell.
 */
final class ReplicationSimulation {
    private static final int CLIENTS = 3;
    private static final int OPS_PER_CLIENT = 25;
    private static final int KEYS = 4;
    private static final long FAULT_WINDOW_MS = 1_500;
    private static final int MAX_EVENTS = 2_000_000;
    private static final Map<Integer, Ring> RINGS = new HashMap<>();

    private final long seed;
    private final ConsistencyLevel readLevel;
    private final SplittableRandom random;
    private final EventScheduler scheduler = new EventScheduler();
    private final SimNode[] nodes;
    private final SimulatedNetwork network;
    private final Map<String, Cell> newestAcknowledged = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int clientsDone;
    private long acknowledgedWrites;
    private long failedOps;

    ReplicationSimulation(long seed) {
        this(seed, ConsistencyLevel.QUORUM);
    }

    /** A weaker {@code readLevel} than QUORUM exists to show that the checks can fail. */
    ReplicationSimulation(long seed, ConsistencyLevel readLevel) {
        this.seed = seed;
        this.readLevel = readLevel;
        this.random = new SplittableRandom(seed);
        int size = random.nextInt(4) == 0 ? 5 : 3;
        nodes = new SimNode[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = new SimNode(i + 1);
        }
        network = new SimulatedNetwork(scheduler, random.split(), nodes, 100, 20);
        Ring ring = ringOf(size);
        for (SimNode node : nodes) {
            node.wire(ring, nodes, network, scheduler);
        }
    }

    private static synchronized Ring ringOf(int size) {
        return RINGS.computeIfAbsent(size, n -> {
            Ring ring = Ring.empty(3);
            for (int id = 1; id <= n; id++) {
                ring = ring.withNode(id, ClusterTokens.forNode(id, 8, 7));
            }
            return ring;
        });
    }

    /** Runs the scenario; returns the violations found (empty when every check held). */
    List<String> run() {
        scheduleFaults();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            scheduler.schedule(random.nextLong(10), () -> nextOp(client, 0));
        }
        scheduler.runUntilIdle(MAX_EVENTS);
        if (clientsDone != CLIENTS) {
            violations.add("clients did not finish: " + clientsDone + " of " + CLIENTS);
        }
        healAndReplayHints();
        checkAcknowledgedWritesOnEveryReplica();
        repairByReadingAtAll();
        checkReplicasConverged();
        return violations;
    }

    private void scheduleFaults() {
        network.lossRate(random.nextDouble() * 0.15);
        int faults = 1 + random.nextInt(4);
        for (int i = 0; i < faults; i++) {
            long at = random.nextLong(FAULT_WINDOW_MS);
            long duration = 100 + random.nextLong(500);
            if (random.nextBoolean()) {
                SimNode victim = nodes[random.nextInt(nodes.length)];
                scheduler.schedule(at, victim::crash);
                scheduler.schedule(at + duration, () -> {
                    victim.restart();
                    replayHintsTo(victim.id());
                });
            } else {
                int a = 1 + random.nextInt(nodes.length);
                int b = 1 + random.nextInt(nodes.length);
                if (a != b) {
                    scheduler.schedule(at, () -> network.cut(a, b));
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
        SimNode coordinator = liveCoordinator();
        Runnable next = () -> scheduler.schedule(random.nextLong(20), () -> nextOp(client, done + 1));
        if (coordinator == null) {
            next.run();
            return;
        }
        if (random.nextBoolean()) {
            Cell cell = Cell.live(coordinator.coordinator().newVersion(), coordinator.id(),
                    ("c" + client + "-" + done).getBytes(StandardCharsets.UTF_8), Cell.NO_EXPIRY);
            coordinator.coordinator().write(keyBytes, cell, ConsistencyLevel.QUORUM).whenComplete((ok, failure) -> {
                if (failure == null) {
                    acknowledgedWrites++;
                    newestAcknowledged.merge(key, cell, Cell::newer);
                } else {
                    failedOps++;
                }
                next.run();
            });
        } else {
            Cell mustSee = newestAcknowledged.get(key);
            coordinator.coordinator().read(keyBytes, readLevel).whenComplete((cell, failure) -> {
                if (failure == null) {
                    if (mustSee != null && (cell == null || cell.compareVersion(mustSee) < 0)) {
                        violations.add("at " + scheduler.nowMs() + " ms a " + readLevel + " read of " + key + " returned " + cell
                                + " after " + mustSee + " was acknowledged");
                    }
                } else {
                    failedOps++;
                }
                next.run();
            });
        }
    }

    private SimNode liveCoordinator() {
        return SimNode.anyRunning(nodes, random);
    }

    private void replayHintsTo(int target) {
        for (SimNode holder : nodes) {
            if (holder.crashed()) {
                continue;
            }
            for (Iterator<SimNode.Hint> it = new ArrayList<>(holder.hints()).iterator(); it.hasNext(); ) {
                SimNode.Hint hint = it.next();
                if (hint.target() != target) {
                    continue;
                }
                var transport = network.transportOf(holder.id());
                transport.mutate(target, hint.key(), hint.cell()).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        holder.hints().remove(hint);
                    }
                });
            }
        }
    }

    private void healAndReplayHints() {
        network.healAll();
        for (SimNode node : nodes) {
            node.restart();
        }
        for (int round = 0; round < 20 && anyHints(); round++) {
            for (SimNode node : nodes) {
                replayHintsTo(node.id());
            }
            scheduler.runUntilIdle(MAX_EVENTS);
        }
        if (anyHints()) {
            violations.add("hints left after 20 replay rounds");
        }
    }

    private boolean anyHints() {
        for (SimNode node : nodes) {
            if (!node.hints().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void checkAcknowledgedWritesOnEveryReplica() {
        newestAcknowledged.forEach((key, acknowledged) -> {
            for (int replica : ringOf(nodes.length).replicasForKey(key.getBytes(StandardCharsets.UTF_8))) {
                Cell held = nodes[replica - 1].get(key.getBytes(StandardCharsets.UTF_8));
                if (held == null || held.compareVersion(acknowledged) < 0) {
                    violations.add("after hint replay node " + replica + " holds " + held + " for " + key
                            + ", older than acknowledged " + acknowledged);
                }
            }
        });
    }

    private void repairByReadingAtAll() {
        for (int k = 0; k < KEYS; k++) {
            byte[] key = ("k" + k).getBytes(StandardCharsets.UTF_8);
            nodes[0].coordinator().read(key, ConsistencyLevel.ALL).whenComplete((cell, failure) -> {
                if (failure != null) {
                    violations.add("ALL read of k" + " failed on a healed cluster: " + failure);
                }
            });
            scheduler.runUntilIdle(MAX_EVENTS);
        }
    }

    private void checkReplicasConverged() {
        for (int k = 0; k < KEYS; k++) {
            byte[] key = ("k" + k).getBytes(StandardCharsets.UTF_8);
            List<Integer> replicas = ringOf(nodes.length).replicasForKey(key);
            Cell first = nodes[replicas.get(0) - 1].get(key);
            for (int replica : replicas) {
                Cell held = nodes[replica - 1].get(key);
                if (first == null ? held != null : !first.equals(held)) {
                    violations.add("replicas of k" + k + " differ: node " + replicas.get(0) + " has " + first
                            + ", node " + replica + " has " + held);
                }
            }
        }
    }

    long acknowledgedWrites() {
        return acknowledgedWrites;
    }

    long failedOps() {
        return failedOps;
    }

    String summary() {
        return "seed " + seed + ": " + nodes.length + " nodes, " + acknowledgedWrites + " writes acknowledged, "
                + failedOps + " ops failed, virtual time " + scheduler.nowMs() + " ms";
    }
}
