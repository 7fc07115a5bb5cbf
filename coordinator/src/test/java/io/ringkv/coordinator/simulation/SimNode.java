package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.cluster.ClusterView;
import io.ringkv.coordinator.hints.HintSink;
import io.ringkv.coordinator.paxos.Acceptor;
import io.ringkv.coordinator.paxos.PaxosMetrics;
import io.ringkv.coordinator.paxos.PaxosReplicaStore;
import io.ringkv.coordinator.paxos.Proposer;
import io.ringkv.coordinator.replication.ReplicatedKeyValueService;
import io.ringkv.sharding.Ring;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.PaxosState;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.storage.types.counter.OwnIncrements;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated node: its replica store and Paxos state (kept across a crash, as a disk would
 * be), its hints, and the real coordinator and acceptor logic ({@link ReplicatedKeyValueService},
 * {@link Proposer}, {@link Acceptor}) wired to the simulated network. Liveness is an oracle that
 * knows crashes but not partitions, so partitions surface as timeouts.
 */
final class SimNode {
    record Hint(int target, byte[] key, Cell cell) {
    }

    private final int id;
    private final Map<ByteBuffer, Cell> store = new HashMap<>();
    private final Map<ByteBuffer, PaxosState> paxos = new HashMap<>();
    private final PaxosMetrics paxosMetrics = new PaxosMetrics();
    private boolean forgetsPromises;
    private Acceptor acceptor;
    private final List<Hint> hints = new ArrayList<>();
    private boolean crashed;
    private int crashes;
    /** As {@link io.ringkv.coordinator.kv.CounterOwner} remembers them: lost in a crash. */
    private final Map<ByteBuffer, OwnIncrements> ownIncrements = new HashMap<>();
    private long carried;
    private boolean carries = true;
    private EventScheduler scheduler;
    private ReplicatedKeyValueService coordinator;
    private HybridClock clock;

    SimNode(int id) {
        this.id = id;
    }

    void wire(Ring ring, SimNode[] all, SimulatedNetwork network, EventScheduler scheduler) {
        wire(ring, all, network, scheduler, new SplittableRandom(id));
    }

    /**
     * A test-only broken acceptor, to show the checker is not vacuous: it forgets every promise
     * it made (as if promises were not written to disk), keeping only what it accepted.
     */
    void forgetPromises() {
        forgetsPromises = true;
    }

    void wire(Ring ring, SimNode[] all, SimulatedNetwork network, EventScheduler scheduler, SplittableRandom random) {
        ClusterView view = new ClusterView() {
            @Override
            public int selfId() {
                return id;
            }

            @Override
            public Ring ring() {
                return ring;
            }

            @Override
            public boolean isUp(int nodeId) {
                return !all[nodeId - 1].crashed;
            }
        };
        HintSink sink = new HintSink() {
            @Override
            public void add(int targetNode, byte[] key, Cell cell, long nowMs) {
                hints.add(new Hint(targetNode, key, cell));
            }

            @Override
            public void addLater(int targetNode, byte[] key, Cell cell, long nowMs) {
                hints.add(new Hint(targetNode, key, cell));
            }
        };
        this.scheduler = scheduler;
        acceptor = new Acceptor(new SimPaxosStore());
        clock = new HybridClock(() -> scheduler.nowMs() + 1_000_000L, 500);
        Proposer proposer = new Proposer(id, network.transportOf(id), clock, delayMs -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            scheduler.schedule(delayMs, () -> done.complete(null));
            return done;
        }, random::nextLong, 1_000, paxosMetrics);
        coordinator = new ReplicatedKeyValueService(view, network.transportOf(id), sink, true, clock, proposer);
    }

    /** Cells and Paxos state in maps that survive a crash; writes are durable at once. */
    private final class SimPaxosStore implements PaxosReplicaStore {
        @Override
        public Cell read(byte[] key) {
            return get(key);
        }

        @Override
        public PaxosState state(byte[] key) {
            PaxosState state = paxos.getOrDefault(ByteBuffer.wrap(key), PaxosState.EMPTY);
            if (forgetsPromises) {
                return new PaxosState(state.accepted(), state.accepted(), state.acceptedCell(), state.committed());
            }
            return state;
        }

        @Override
        public CompletableFuture<?> saveState(byte[] key, PaxosState state) {
            paxos.put(ByteBuffer.wrap(key.clone()), state);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> apply(byte[] key, Cell cell) {
            SimNode.this.apply(key, cell);
            return CompletableFuture.completedFuture(null);
        }
    }

    Acceptor acceptor() {
        return acceptor;
    }

    PaxosMetrics paxosMetrics() {
        return paxosMetrics;
    }

    /** A node that has not crashed, chosen at random, or null when all have. */
    static SimNode anyRunning(SimNode[] nodes, SplittableRandom random) {
        List<SimNode> alive = new ArrayList<>();
        for (SimNode node : nodes) {
            if (!node.crashed()) {
                alive.add(node);
            }
        }
        return alive.isEmpty() ? null : alive.get(random.nextInt(alive.size()));
    }

    int id() {
        return id;
    }

    ReplicatedKeyValueService coordinator() {
        return coordinator;
    }

    boolean crashed() {
        return crashed;
    }

    void crash() {
        crashed = true;
        crashes++;
        ownIncrements.clear();
    }

    /** How many times this node crashed so far. */
    int crashes() {
        return crashes;
    }

    /** Test-only: never carry increments past a late reset, to show the check that needs it bites. */
    void neverCarry() {
        carries = false;
    }

    /** How many times this node added back increments a late reset had undone. */
    long carried() {
        return carried;
    }

    void restart() {
        crashed = false;
    }

    void apply(byte[] key, Cell cell) {
        store.merge(ByteBuffer.wrap(key), cell, ValueTypes::merge);
        carryPastLateReset(key, cell);
    }

    /**
     * What {@link io.ringkv.coordinator.kv.CounterOwner#written} does: when a write brings a reset
     * newer than the one this owner knows, add back its increments versioned after it, and
     * replicate that (here at once, through the simulated network, at ONE).
     */
    private void carryPastLateReset(byte[] key, Cell written) {
        ByteBuffer name = ByteBuffer.wrap(key);
        OwnIncrements own = ownIncrements.get(name);
        if (!carries || own == null || !own.isNewer(OwnIncrements.resetOf(written))) {
            return;
        }
        CounterIncrement.Result result;
        try {
            result = CounterIncrement.carry(get(key), own, new Dot(clock.now(), id), clock.physicalNowMs());
        } catch (io.ringkv.storage.types.ValueRefusedException e) {
            ownIncrements.remove(name);
            return;
        }
        if (result == null) {
            return;
        }
        carried++;
        store.merge(name, result.delta(), ValueTypes::merge);
        byte[] copy = key.clone();
        scheduler.schedule(0, () -> {
            if (!crashed) {
                coordinator.write(copy, result.delta(), io.ringkv.coordinator.consistency.ConsistencyLevel.ONE);
            }
        });
    }

    /** INCRBY (HINCRBY with a field) as the owner of this node's share, as {@link io.ringkv.coordinator.kv.CounterOwner} does. */
    CounterIncrement.Result increment(byte[] key, byte[] field, long amount, java.math.BigDecimal decimal, Cell observed) {
        if (observed != null) {
            apply(key, observed);
        }
        Cell current = get(key);
        Dot version = new Dot(clock.now(), id);
        CounterIncrement.Result result = io.ringkv.storage.types.Increments.apply(current, field, amount, decimal,
                version, clock.physicalNowMs());
        if (field == null && decimal == null) {
            OwnIncrements own = ownIncrements.computeIfAbsent(ByteBuffer.wrap(key.clone()),
                    k -> result.startedShare() ? null : OwnIncrements.startingFrom(current, id, 256));
            if (own != null) {
                own.add(version, amount);
            }
        }
        apply(key, result.delta());
        return result;
    }

    HybridClock clock() {
        return clock;
    }

    Cell get(byte[] key) {
        return store.get(ByteBuffer.wrap(key));
    }

    List<Hint> hints() {
        return hints;
    }
}
