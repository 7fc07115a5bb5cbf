package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final int MAX_EVENTS = SimulatedCluster.MAX_EVENTS;

    private final long seed;
    private final ConsistencyLevel readLevel;
    private final SplittableRandom random;
    private final SimulatedCluster cluster;
    private final EventScheduler scheduler;
    private final SimNode[] nodes;
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
        cluster = new SimulatedCluster(random);
        scheduler = cluster.scheduler;
        nodes = cluster.nodes;
    }

    /** Runs the scenario; returns the violations found (empty when every check held). */
    List<String> run() {
        cluster.scheduleFaults();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            scheduler.schedule(random.nextLong(10), () -> nextOp(client, 0));
        }
        scheduler.runUntilIdle(MAX_EVENTS);
        if (clientsDone != CLIENTS) {
            violations.add("clients did not finish: " + clientsDone + " of " + CLIENTS);
        }
        if (!cluster.healAndReplayHints()) {
            violations.add("hints left after 20 replay rounds");
        }
        checkAcknowledgedWritesOnEveryReplica();
        violations.addAll(cluster.repairByReadingAtAll(keys()));
        checkReplicasConverged();
        return violations;
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
        return cluster.anyRunning();
    }

    private static List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(("k" + k).getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }

    private void checkAcknowledgedWritesOnEveryReplica() {
        newestAcknowledged.forEach((key, acknowledged) -> {
            for (int replica : cluster.replicasOf(key.getBytes(StandardCharsets.UTF_8))) {
                Cell held = nodes[replica - 1].get(key.getBytes(StandardCharsets.UTF_8));
                if (held == null || held.compareVersion(acknowledged) < 0) {
                    violations.add("after hint replay node " + replica + " holds " + held + " for " + key
                            + ", older than acknowledged " + acknowledged);
                }
            }
        });
    }

    private void checkReplicasConverged() {
        for (byte[] key : keys()) {
            String differ = cluster.replicasDiffer(key);
            if (differ != null) {
                violations.add(differ);
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
