package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.hash.HashType;
import io.ringkv.storage.types.set.SetType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One seeded run of hashes or sets. For hashes, clients send HSET and HDEL of register fields and
 * HINCRBY of counter fields; for sets, SADD, SREM and SPOP; at ONE through random coordinators
 * while the network loses, delays and reorders messages, links are cut and nodes crash and
 * restart; then heal, hint replay and a read at ALL of every key. Checked at the end, against the
 * specification rather than a replay:
 *
 * <ul>
 *   <li>every replica of a key holds the same cell, byte for byte;</li>
 *   <li>a register field (a set's member) ends as the newest of the writes that reached it, a
 *       removal (HDEL, SREM, SPOP) counting at the version it observed and winning a tie: so it
 *       holds an HSET's (SADD's) write newer than every acknowledged write and removal, or it is
 *       absent and some removal saw a version at least as new as every acknowledged write (adds
 *       win over removes that did not see them);</li>
 *   <li>a counter field is the sum of the acknowledged HINCRBYs plus a subset of those whose
 *       outcome the client did not learn.</li>
 * </ul>
 */
final class HashSimulation {
    private static final int CLIENTS = 3;
    private static final int OPS_PER_CLIENT = 25;
    private static final int KEYS = 2;
    private static final int REGISTER_FIELDS = 3;
    private static final int COUNTER_FIELDS = 2;

    /** An HSET (value non-null) or an HDEL (value null) of a register field: the version it wrote or removed up to. */
    private record Write(Dot dot, byte[] value, boolean acknowledged) {
        /** The register order: by dot, a removal winning a tie. */
        int compareTo(Write other) {
            int c = dot.compareTo(other.dot);
            return c != 0 ? c : Boolean.compare(value == null, other.value == null);
        }
    }

    /** What the clients write: hashes with register and counter fields, or sets. */
    enum Kind { HASHES, SETS }

    private final Kind kind;
    private final byte tag;
    private final long seed;
    private final SplittableRandom random;
    private final SimulatedCluster cluster;
    private final EventScheduler scheduler;
    private final Map<String, List<Write>> writes = new HashMap<>();
    private final Map<String, List<Long>> acknowledgedIncrements = new HashMap<>();
    private final Map<String, List<Long>> unknownIncrements = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int clientsDone;
    private int valuesMade;
    private long acknowledged;
    private long failed;

    HashSimulation(long seed) {
        this(seed, Kind.HASHES);
    }

    HashSimulation(long seed, Kind kind) {
        this.kind = kind;
        this.tag = kind == Kind.SETS ? SetType.TAG : HashType.TAG;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        cluster = new SimulatedCluster(random);
        scheduler = cluster.scheduler;
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
        return ("h" + k).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
        int choice = random.nextInt(10);
        if (kind == Kind.SETS && choice >= 8) {
            pop(kv, k, next);
        } else if (choice < 4 || kind == Kind.SETS && choice < 5) {
            String field = "f" + random.nextInt(REGISTER_FIELDS);
            byte[] value = kind == Kind.SETS ? new byte[0] : bytes("v" + valuesMade++);
            Dot[] dot = new Dot[1];
            kv.update(key(k), ConsistencyLevel.ONE, ConsistencyLevel.ONE, current -> {
                dot[0] = new Dot(kv.newVersion(), kv.nodeId());
                return HashEdits.set(current, List.of(bytes(field), value), dot[0], kv.nowMs(), tag).delta();
            }).whenComplete((cell, failure) -> {
                if (dot[0] != null) {
                    record(k, field, new Write(dot[0], value, failure == null));
                }
                count(failure);
                next.run();
            });
        } else if (choice < 6 || kind == Kind.SETS) {
            String field = "f" + random.nextInt(REGISTER_FIELDS);
            remove(kv, k, current -> List.of(field), next);
        } else {
            String field = "c" + random.nextInt(COUNTER_FIELDS);
            long amount = random.nextInt(21) - 10;
            kv.increment(key(k), bytes(field), amount, ConsistencyLevel.ONE, ConsistencyLevel.ONE)
                    .whenComplete((value, failure) -> {
                        String name = "h" + k + "." + field;
                        (failure == null ? acknowledgedIncrements : unknownIncrements)
                                .computeIfAbsent(name, x -> new ArrayList<>()).add(amount);
                        count(failure);
                        next.run();
                    });
        }
    }

    /** SPOP of one or two members: picks among those it read and removes them as SREM does. */
    private void pop(KeyValueService kv, int k, Runnable next) {
        int count = 1 + random.nextInt(2);
        remove(kv, k, seen -> {
            List<String> members = new ArrayList<>();
            seen.forEachLive((member, value) -> members.add(new String(member, StandardCharsets.UTF_8)));
            java.util.Collections.sort(members);
            List<String> picked = new ArrayList<>();
            while (picked.size() < count && !members.isEmpty()) {
                picked.add(members.remove(random.nextInt(members.size())));
            }
            return picked;
        }, next);
    }

    /** HDEL, SREM or SPOP of the fields {@code choose} names in what the read found; each removal is filed at the version it saw. */
    private void remove(KeyValueService kv, int k, java.util.function.Function<HashState, List<String>> choose, Runnable next) {
        Map<String, Dot> observed = new HashMap<>();
        kv.update(key(k), ConsistencyLevel.ONE, ConsistencyLevel.ONE, current -> {
            observed.clear();
            HashState seen = HashEdits.visible(current, kv.nowMs(), tag);
            if (seen == null) {
                return null;
            }
            List<String> fields = choose.apply(seen);
            HashEdits.Result result = HashEdits.delete(current, fields.stream().map(HashSimulation::bytes).toList(),
                    new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(), tag);
            if (result.delta() != null) {
                for (String field : fields) {
                    Dot version = seen.fieldVersion(bytes(field));
                    if (version != null) {
                        observed.put(field, version);
                    }
                }
            }
            return result.delta();
        }).whenComplete((cell, failure) -> {
            observed.forEach((field, version) -> record(k, field, new Write(version, null, failure == null)));
            count(failure);
            next.run();
        });
    }

    private void record(int k, String field, Write write) {
        writes.computeIfAbsent("h" + k + "." + field, x -> new ArrayList<>()).add(write);
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
        HashState hash = held == null || held.isTombstone() ? null : HashState.of(held);
        if (hash != null && held.type() != tag) {
            violations.add("h" + k + " holds type " + held.type());
        }
        for (int f = 0; f < REGISTER_FIELDS; f++) {
            String name = "h" + k + ".f" + f;
            byte[] value = hash == null ? null : hash.get(bytes("f" + f));
            Dot version = value == null ? null : hash.fieldVersion(bytes("f" + f));
            checkRegister(name, value, version, writes.getOrDefault(name, List.of()));
        }
        for (int f = 0; kind == Kind.HASHES && f < COUNTER_FIELDS; f++) {
            String name = "h" + k + ".c" + f;
            byte[] value = hash == null ? null : hash.get(bytes("c" + f));
            long counted = value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
            long base = acknowledgedIncrements.getOrDefault(name, List.of()).stream().mapToLong(Long::longValue).sum();
            List<Long> optional = unknownIncrements.getOrDefault(name, List.of());
            if (!SubsetSums.of(optional).contains(counted - base)) {
                violations.add(name + " counts " + counted + ": not " + base + " plus a subset of " + optional);
            }
        }
    }

    private void checkRegister(String name, byte[] value, Dot version, List<Write> made) {
        Write newestAcknowledged = null;
        for (Write write : made) {
            if (write.acknowledged() && (newestAcknowledged == null || write.compareTo(newestAcknowledged) > 0)) {
                newestAcknowledged = write;
            }
        }
        if (value != null) {
            Write source = made.stream().filter(w -> w.value() != null && w.dot().equals(version)
                    && java.util.Arrays.equals(w.value(), value)).findFirst().orElse(null);
            if (source == null) {
                violations.add(name + " holds a value no HSET wrote");
            } else if (newestAcknowledged != null && source.compareTo(newestAcknowledged) < 0) {
                violations.add(name + " holds " + source + " though " + newestAcknowledged + " was acknowledged");
            }
            return;
        }
        Write newestRemoval = made.stream().filter(w -> w.value() == null).max(Write::compareTo).orElse(null);
        boolean anyAcknowledgedSet = made.stream().anyMatch(w -> w.value() != null && w.acknowledged());
        if (anyAcknowledgedSet && (newestRemoval == null || newestRemoval.compareTo(newestAcknowledged) < 0)) {
            violations.add(name + " is absent though " + newestAcknowledged + " was acknowledged and no HDEL saw it");
        }
    }

    long acknowledged() {
        return acknowledged;
    }

    long failed() {
        return failed;
    }

    String summary() {
        return kind + " seed " + seed + ": " + cluster.nodes.length + " nodes, " + acknowledged + " commands acknowledged, "
                + failed + " failed, virtual time " + scheduler.nowMs() + " ms";
    }
}
