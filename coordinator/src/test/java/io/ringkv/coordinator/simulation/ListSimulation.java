package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.list.ListEdits;
import io.ringkv.storage.types.list.ListSlice;
import io.ringkv.storage.types.list.ListType;
import io.ringkv.storage.types.list.ListView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One seeded run of lists: clients LPUSH and RPUSH unique elements, LPOP and RPOP (one or two;
 * reading the replicas' slices at ONE or QUORUM, as the commands do), and now and then LINSERT,
 * LREM or LTRIM, through random coordinators while the network loses, delays and reorders messages, links
 * are cut and nodes crash and restart; then heal, hint replay and a read at ALL of every key.
 * Checked at the end: every replica of a key holds the same cell; no element is in a list twice;
 * every element there was pushed; every acknowledged push is there unless a pop took it.
 *
 * <p>In the STRONG variant every push and pop is at STRONG (pops deciding on the quorum's slices,
 * as the commands do) and there are no edits; also checked: no element is handed to two clients.
 */
final class ListSimulation {
    private static final int CLIENTS = 3;
    private static final int OPS_PER_CLIENT = 25;
    private static final int KEYS = 2;

    private final long seed;
    private final SplittableRandom random;
    private final SimulatedCluster cluster;
    private final EventScheduler scheduler;
    private final List<Set<String>> pushed = new ArrayList<>();
    private final List<Set<String>> acknowledgedPushes = new ArrayList<>();
    private final List<Set<String>> popped = new ArrayList<>();
    private final boolean strong;
    /** Elements acknowledged to a client by a pop, so far (STRONG: each at most once). */
    private final java.util.Map<String, Integer> delivered = new java.util.HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int clientsDone;
    private int elementsMade;
    private long acknowledged;
    private long failed;

    ListSimulation(long seed) {
        this(seed, false);
    }

    ListSimulation(long seed, boolean strong) {
        this.seed = seed;
        this.strong = strong;
        this.random = new SplittableRandom(seed);
        cluster = new SimulatedCluster(random);
        scheduler = cluster.scheduler;
        for (int k = 0; k < KEYS; k++) {
            pushed.add(new HashSet<>());
            acknowledgedPushes.add(new HashSet<>());
            popped.add(new HashSet<>());
        }
    }

    List<String> run() {
        cluster.scheduleFaults();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            scheduler.schedule(random.nextLong(10), () -> nextOp(client, 0));
        }
        scheduler.runUntilIdle(SimulatedCluster.MAX_EVENTS);
        if (clientsDone != CLIENTS) {
            violations.add("clients did not finish: " + clientsDone + " of " + CLIENTS);
        }
        if (!cluster.healAndReplayHints()) {
            violations.add("hints left after 20 replay rounds");
        }
        List<byte[]> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(key(k));
        }
        violations.addAll(cluster.repairByReadingAtAll(keys));
        for (int k = 0; k < KEYS; k++) {
            check(k);
        }
        return violations;
    }

    private static byte[] key(int k) {
        return ("l" + k).getBytes(StandardCharsets.UTF_8);
    }

    private void nextOp(int client, int done) {
        if (done == OPS_PER_CLIENT) {
            clientsDone++;
            return;
        }
        int k = random.nextInt(KEYS);
        SimNode coordinator = cluster.anyRunning();
        Runnable next = () -> scheduler.schedule(random.nextLong(20), () -> nextOp(client, done + 1));
        if (coordinator == null) {
            next.run();
            return;
        }
        KeyValueService kv = coordinator.coordinator();
        boolean head = random.nextBoolean();
        if (random.nextInt(10) < 6) {
            String element = "e" + elementsMade++;
            pushed.get(k).add(element);
            List<byte[]> pairs = ListEdits.positioned(List.of(element.getBytes(StandardCharsets.UTF_8)), kv::newVersion,
                    kv.nodeId(), head);
            ConsistencyLevel pushLevel = strong ? ConsistencyLevel.STRONG : ConsistencyLevel.ONE;
            // As LPUSH/RPUSH read: no element, only the key's type and expiry (a slice of none).
            kv.update(key(k), pushLevel, pushLevel, ListSlice.request(head, 0),
                    current -> ListEdits.push(current, pairs, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()))
                    .whenComplete((cell, failure) -> {
                        if (failure == null) {
                            acknowledgedPushes.get(k).add(element);
                        }
                        count(failure);
                        next.run();
                    });
        } else if (!strong && random.nextInt(4) == 0) {
            edit(kv, k, next);
        } else {
            int count = 1 + random.nextInt(2);
            List<String> taken = new ArrayList<>();
            // As LPOP/RPOP read: the replicas' first or last elements (one more than taken), at ONE or QUORUM.
            ConsistencyLevel level = strong ? ConsistencyLevel.STRONG
                    : random.nextBoolean() ? ConsistencyLevel.ONE : ConsistencyLevel.QUORUM;
            kv.update(key(k), level, strong ? ConsistencyLevel.STRONG : ConsistencyLevel.ONE, ListSlice.request(head, count + 1), current -> {
                ListEdits.Popped pop = ListEdits.pop(current, count, head, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
                taken.clear();
                pop.elements().forEach(e -> taken.add(new String(e, StandardCharsets.UTF_8)));
                return pop.delta();
            }).whenComplete((cell, failure) -> {
                // Taken whether or not the client heard back: the removal may have reached a replica.
                popped.get(k).addAll(taken);
                if (failure == null && strong) {
                    for (String element : taken) {
                        if (delivered.merge(element, 1, Integer::sum) > 1) {
                            violations.add("l" + k + ": " + element + " handed to two clients at STRONG");
                        }
                    }
                }
                count(failure);
                next.run();
            });
        }
    }

    /**
     * LINSERT of a new element beside a random one, LREM of a random element (each is unique), or
     * LTRIM to a random range, on the list as the coordinator reads it at ONE. What LREM and LTRIM
     * remove counts as taken, as a pop's elements do.
     */
    private void edit(KeyValueService kv, int k, Runnable next) {
        int kind = random.nextInt(3);
        int at = random.nextInt(1_000);
        boolean before = random.nextBoolean();
        long start = random.nextInt(3);
        long stop = -1 - random.nextInt(3);
        String inserted = kind == 0 ? "e" + elementsMade++ : null;
        if (inserted != null) {
            pushed.get(k).add(inserted);
        }
        List<String> taken = new ArrayList<>();
        boolean[] insertedHere = {false};
        kv.update(key(k), ConsistencyLevel.ONE, ConsistencyLevel.ONE, current -> {
            ListView list = ListView.of(current, kv.nowMs());
            taken.clear();
            if (list.size() == 0) {
                return null;
            }
            Dot dot = new Dot(kv.newVersion(), kv.nodeId());
            int pivot = at % list.size();
            if (kind == 0) {
                byte[] position = ListEdits.insertPosition(list, pivot, before, kv.newVersion(), kv.nodeId());
                insertedHere[0] = true;
                return ListEdits.setAt(current, position, inserted.getBytes(StandardCharsets.UTF_8), dot, kv.nowMs());
            }
            List<byte[]> removed = kind == 1 ? ListEdits.matching(list, list.get(pivot).value(), 1)
                    : ListEdits.outside(list, start, stop);
            for (int i = 0; i < list.size(); i++) {
                for (byte[] position : removed) {
                    if (java.util.Arrays.equals(position, list.position(i))) {
                        taken.add(new String(list.get(i).value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return ListEdits.remove(current, removed, dot, kv.nowMs());
        }).whenComplete((cell, failure) -> {
            if (failure == null && insertedHere[0]) {
                acknowledgedPushes.get(k).add(inserted);
            }
            popped.get(k).addAll(taken);
            count(failure);
            next.run();
        });
    }

    private void count(Throwable failure) {
        if (failure == null) {
            acknowledged++;
        } else {
            failed++;
        }
    }

    private void check(int k) {
        byte[] key = key(k);
        String differ = cluster.replicasDiffer(key);
        if (differ != null) {
            violations.add(differ);
        }
        Cell held = cluster.nodes[cluster.replicasOf(key).get(0) - 1].get(key);
        // No TTLs here: any moment sees the same list.
        ListView list = ListView.of(held, scheduler.nowMs());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String element = new String(list.get(i).value(), StandardCharsets.UTF_8);
            if (!seen.add(element)) {
                violations.add("l" + k + " holds " + element + " twice");
            }
            if (!pushed.get(k).contains(element)) {
                violations.add("l" + k + " holds " + element + ", never pushed");
            }
        }
        for (String element : acknowledgedPushes.get(k)) {
            if (!seen.contains(element) && !popped.get(k).contains(element)) {
                violations.add("l" + k + " lost acknowledged push " + element + " (no pop took it)");
            }
        }
    }

    /** Elements acknowledged to clients by pops. */
    int delivered() {
        return delivered.size();
    }

    long acknowledged() {
        return acknowledged;
    }

    long failed() {
        return failed;
    }

    String summary() {
        return "lists seed " + seed + ": " + cluster.nodes.length + " nodes, " + acknowledged + " commands acknowledged, "
                + failed + " failed, virtual time " + scheduler.nowMs() + " ms";
    }
}
