package io.ringkv.coordinator.simulation;

import io.ringkv.coordinator.cluster.ClusterView;
import io.ringkv.coordinator.hints.HintSink;
import io.ringkv.coordinator.replication.ReplicatedKeyValueService;
import io.ringkv.sharding.Ring;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated node: its replica store (kept across a crash, as a disk would be), its hints, and
 * the real coordinator logic ({@link ReplicatedKeyValueService}) wired to the simulated network.
 * Liveness is an oracle that knows crashes but not partitions, so partitions surface as timeouts.
 */
final class SimNode {
    record Hint(int target, byte[] key, Cell cell) {
    }

    private final int id;
    private final Map<ByteBuffer, Cell> store = new HashMap<>();
    private final List<Hint> hints = new ArrayList<>();
    private boolean crashed;
    private ReplicatedKeyValueService coordinator;

    SimNode(int id) {
        this.id = id;
    }

    void wire(Ring ring, SimNode[] all, SimulatedNetwork network, EventScheduler scheduler) {
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
        coordinator = new ReplicatedKeyValueService(view, network.transportOf(id), sink, true,
                new HybridClock(() -> scheduler.nowMs() + 1_000_000L, 500));
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
    }

    void restart() {
        crashed = false;
    }

    void apply(byte[] key, Cell cell) {
        store.merge(ByteBuffer.wrap(key), cell, Cell::newer);
    }

    Cell get(byte[] key) {
        return store.get(ByteBuffer.wrap(key));
    }

    List<Hint> hints() {
        return hints;
    }
}
