package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.storage.types.counter.CounterState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One seeded run of counters: clients send INCRBY/DECRBY (and, on some keys, SET of an integer)
 * at ONE or at QUORUM through random coordinators while the network loses, delays and reorders messages,
 * links are cut and nodes crash and restart. Then the cluster heals, hints are replayed and every
 * key is read at ALL (read repair merges the replicas' states). Checked at the end:
 *
 * <ul>
 *   <li>every replica of a key holds the same cell, byte for byte;</li>
 *   <li>on a key never SET, the counter is the sum of the acknowledged increments plus some subset
 *       of those whose outcome the client did not learn (failed or timed out): none lost, none
 *       counted twice, nothing invented;</li>
 *   <li>on a key that was SET, the counter is the integer of the SET that won plus some subset of
 *       the increments (a SET replaces the counter), a subset that holds every acknowledged
 *       increment versioned after that SET whose owner did not crash since (its owner carries it
 *       past a SET that reached it late), and at QUORUM every increment acknowledged after it was
 *       sent after that SET was acknowledged.</li>
 * </ul>
 *
 * A failing seed replays exactly: {@code new CounterSimulation(seed).run()}.
 */
final class CounterSimulation {
    private static final int CLIENTS = 3;
    private static final int OPS_PER_CLIENT = 25;
    private static final int KEYS = 4;
    /** Keys below this index are never SET. */
    private static final int KEYS_WITHOUT_SET = 2;
    private static final int MAX_EVENTS = SimulatedCluster.MAX_EVENTS;

    /**
     * An increment: {@code version} is its delta's (null when not acknowledged or not a counter
     * delta), {@code crashesAtIssue} each node's crash count when it was sent.
     */
    private record Increment(long amount, boolean acknowledged, long issuedAtMs, Dot version, int[] crashesAtIssue) {
    }

    /** A SET: its cell, and when it was acknowledged (-1 when it was not). */
    private record Set(Cell cell, long acknowledgedAtMs) {
    }

    private final long seed;
    private final boolean readModifyWrite;
    private final ConsistencyLevel level;
    private final SplittableRandom random;
    private final SimulatedCluster cluster;
    private final EventScheduler scheduler;
    private final SimNode[] nodes;
    private final Map<String, List<Increment>> increments = new HashMap<>();
    private final Map<String, List<Set>> sets = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int clientsDone;
    private long acknowledged;
    private long failed;

    CounterSimulation(long seed) {
        this(seed, ConsistencyLevel.ONE, false);
    }

    CounterSimulation(long seed, ConsistencyLevel level) {
        this(seed, level, false);
    }

    /**
     * With {@code readModifyWrite}, INCRBY is what it was before counters: a read at ONE and a
     * last-write-wins write of the sum. That exists to show that the checks catch lost increments.
     */
    CounterSimulation(long seed, ConsistencyLevel level, boolean readModifyWrite) {
        this.seed = seed;
        this.level = level;
        this.readModifyWrite = readModifyWrite;
        this.random = new SplittableRandom(seed);
        cluster = new SimulatedCluster(random);
        scheduler = cluster.scheduler;
        nodes = cluster.nodes;
    }

    /** Test-only: owners never add back what a late SET undid (see {@link SimNode#neverCarry}). */
    CounterSimulation withoutCarry() {
        for (SimNode node : nodes) {
            node.neverCarry();
        }
        return this;
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
        List<byte[]> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(("k" + k).getBytes(StandardCharsets.UTF_8));
        }
        violations.addAll(cluster.repairByReadingAtAll(keys));
        // Owners that received a SET only through that repair add back what it undid; a second
        // pass brings that everywhere.
        violations.addAll(cluster.repairByReadingAtAll(keys));
        checkReplicasAgreeAndCountersAdd();
        return violations;
    }

    private void nextOp(int client, int done) {
        if (done == OPS_PER_CLIENT) {
            clientsDone++;
            return;
        }
        int k = random.nextInt(KEYS);
        String key = "k" + k;
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        SimNode coordinator = cluster.anyRunning();
        Runnable next = () -> scheduler.schedule(random.nextLong(20), () -> nextOp(client, done + 1));
        if (coordinator == null) {
            next.run();
            return;
        }
        if (k >= KEYS_WITHOUT_SET && random.nextInt(8) == 0) {
            Cell cell = Cell.live(coordinator.coordinator().newVersion(), coordinator.id(),
                    Long.toString(random.nextInt(1000)).getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
            coordinator.coordinator().write(keyBytes, cell, level).whenComplete((ok, failure) -> {
                sets.computeIfAbsent(key, x -> new ArrayList<>()).add(new Set(cell, failure == null ? scheduler.nowMs() : -1));
                next.run();
            });
            return;
        }
        long amount = random.nextInt(21) - 10;
        long issuedAt = scheduler.nowMs();
        int[] crashesAtIssue = new int[nodes.length];
        for (int n = 0; n < nodes.length; n++) {
            crashesAtIssue[n] = nodes[n].crashes();
        }
        incrementBy(coordinator, keyBytes, amount).whenComplete((result, failure) -> {
                    Dot version = result instanceof CounterIncrement.Result made ? Dot.of(made.delta()) : null;
                    increments.computeIfAbsent(key, x -> new ArrayList<>())
                            .add(new Increment(amount, failure == null, issuedAt, version, crashesAtIssue));
                    if (failure == null) {
                        acknowledged++;
                    } else {
                        failed++;
                    }
                    next.run();
                });
    }

    private java.util.concurrent.CompletableFuture<?> incrementBy(SimNode coordinator, byte[] key, long amount) {
        var kv = coordinator.coordinator();
        if (!readModifyWrite) {
            return kv.applyIncrement(key, null, amount, null, level, level);
        }
        return kv.update(key, level, level, current -> {
            long value = current == null || current.isTombstone() ? 0 : CounterState.of(current).value();
            return Cell.live(kv.newVersion(), kv.nodeId(), Long.toString(value + amount).getBytes(StandardCharsets.US_ASCII),
                    Cell.NO_EXPIRY);
        });
    }

    private void checkReplicasAgreeAndCountersAdd() {
        for (int k = 0; k < KEYS; k++) {
            String key = "k" + k;
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            String differ = cluster.replicasDiffer(keyBytes);
            if (differ != null) {
                violations.add(differ);
            }
            Cell first = nodes[cluster.replicasOf(keyBytes).get(0) - 1].get(keyBytes);
            List<Increment> made = increments.getOrDefault(key, List.of());
            long counted = first == null || first.isTombstone() ? 0 : CounterState.of(first).value();
            Cell winner = first == null || first.isTombstone() ? first : CounterState.of(first).lastPlainWrite();
            // Increments that must count: with no SET anywhere, every acknowledged one; after a SET,
            // at QUORUM those acknowledged that were sent after the SET that won was acknowledged
            // (their read met it); at ONE none is promised (an owner may not have received the SET).
            long mustCountAfterMs = Long.MAX_VALUE;
            long base = 0;
            if (winner == null || !sets.containsKey(key)) {
                mustCountAfterMs = Long.MIN_VALUE;
            } else {
                base = winner.isTombstone() ? 0 : Long.parseLong(new String(winner.value(), StandardCharsets.US_ASCII));
                for (Set set : sets.getOrDefault(key, List.of())) {
                    if (set.cell().equals(winner) && set.acknowledgedAtMs() >= 0 && level != ConsistencyLevel.ONE) {
                        mustCountAfterMs = set.acknowledgedAtMs();
                    }
                }
            }
            List<Long> optional = new ArrayList<>();
            for (Increment increment : made) {
                if (increment.acknowledged() && (increment.issuedAtMs() > mustCountAfterMs
                        || countsPastTheSet(increment, winner))) {
                    base += increment.amount();
                } else {
                    optional.add(increment.amount());
                }
            }
            if (!SubsetSums.of(optional).contains(counted - base)) {
                violations.add(key + " counts " + counted + ": not " + base + " plus a subset of " + optional);
            }
        }
    }

    /**
     * An increment versioned after the SET that won counts, at any level, unless its owner crashed
     * since it was sent (the owner's memory of its increments, which carries them past a SET that
     * reached it late, is lost in a crash).
     */
    private boolean countsPastTheSet(Increment increment, Cell winner) {
        if (increment.version() == null || winner == null || winner.isTombstone()) {
            return false;
        }
        int owner = increment.version().node();
        return increment.version().compareTo(Dot.of(winner)) > 0
                && nodes[owner - 1].crashes() == increment.crashesAtIssue()[owner - 1];
    }

    long carried() {
        long carried = 0;
        for (SimNode node : nodes) {
            carried += node.carried();
        }
        return carried;
    }

    long acknowledged() {
        return acknowledged;
    }

    long failed() {
        return failed;
    }

    String summary() {
        return "seed " + seed + ": " + nodes.length + " nodes, " + acknowledged + " increments acknowledged, "
                + failed + " failed, virtual time " + scheduler.nowMs() + " ms";
    }
}
