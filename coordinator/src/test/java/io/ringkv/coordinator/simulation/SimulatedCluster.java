package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.cluster.ClusterTokens;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.sharding.Ring;
import io.ringkv.storage.Cell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded 3- or 5-node cluster (RF 3) on a simulated network, and the story every replication
 * scenario shares: faults in a window (lost messages, crashes with restarts that replay hints, cut
 * links), then heal, replay every hint, read each key at ALL (read repair), and compare replicas.
 */
final class SimulatedCluster {
    static final int MAX_EVENTS = 2_000_000;
    private static final long FAULT_WINDOW_MS = 1_500;
    private static final Map<Integer, Ring> RINGS = new HashMap<>();

    final EventScheduler scheduler = new EventScheduler();
    final SimNode[] nodes;
    final SimulatedNetwork network;
    private final SplittableRandom random;

    SimulatedCluster(SplittableRandom random) {
        this.random = random;
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

    static synchronized Ring ringOf(int size) {
        return RINGS.computeIfAbsent(size, n -> {
            Ring ring = Ring.empty(3);
            for (int id = 1; id <= n; id++) {
                ring = ring.withNode(id, ClusterTokens.forNode(id, 8, 7));
            }
            return ring;
        });
    }

    List<Integer> replicasOf(byte[] key) {
        return ringOf(nodes.length).replicasForKey(key);
    }

    /** A running node chosen at random, or null when every node has crashed. */
    SimNode anyRunning() {
        return SimNode.anyRunning(nodes, random);
    }

    /** Message loss, then 1 to 4 faults (a crash and restart, or a cut link) within the fault window. */
    void scheduleFaults() {
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

    void replayHintsTo(int target) {
        for (SimNode holder : nodes) {
            if (holder.crashed()) {
                continue;
            }
            for (SimNode.Hint hint : new ArrayList<>(holder.hints())) {
                if (hint.target() != target) {
                    continue;
                }
                network.transportOf(holder.id()).mutate(target, hint.key(), hint.cell()).whenComplete((ok, failure) -> {
                    if (failure == null) {
                        holder.hints().remove(hint);
                    }
                });
            }
        }
    }

    /** Heals every link, restarts every node and replays hints; false when hints are left after 20 rounds. */
    boolean healAndReplayHints() {
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
        return !anyHints();
    }

    private boolean anyHints() {
        for (SimNode node : nodes) {
            if (!node.hints().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Reads each key at ALL through node 1, so read repair brings its replicas together; the failures. */
    List<String> repairByReadingAtAll(List<byte[]> keys) {
        List<String> failures = new ArrayList<>();
        for (byte[] key : keys) {
            nodes[0].coordinator().read(key, ConsistencyLevel.ALL).whenComplete((cell, failure) -> {
                if (failure != null) {
                    failures.add("ALL read of " + new String(key) + " failed on a healed cluster: " + failure);
                }
            });
            scheduler.runUntilIdle(MAX_EVENTS);
        }
        return failures;
    }

    /** Null when every replica of the key holds the same cell, else what differs. */
    String replicasDiffer(byte[] key) {
        List<Integer> replicas = replicasOf(key);
        Cell first = nodes[replicas.get(0) - 1].get(key);
        for (int replica : replicas) {
            Cell held = nodes[replica - 1].get(key);
            if (first == null ? held != null : !first.equals(held)) {
                return "replicas of " + new String(key) + " differ: node " + replicas.get(0) + " has " + first
                        + ", node " + replica + " has " + held;
            }
        }
        return null;
    }
}
