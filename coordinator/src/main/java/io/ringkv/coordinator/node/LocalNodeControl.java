package io.ringkv.coordinator.node;

import io.ringkv.coordinator.cluster.EndpointInfo;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.command.NodeControl;
import io.ringkv.coordinator.command.RepairControl;
import io.ringkv.sharding.Murmur3Partitioner;
import java.nio.charset.StandardCharsets;
import io.ringkv.coordinator.config.NodeConfig;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.Cell;
import io.ringkv.storage.SnapshotInfo;
import io.ringkv.storage.StorageEngine;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Node-wide operations over this node's own store. */
final class LocalNodeControl implements NodeControl, NodeInfo.KeyCounter {
    private final StorageEngine engine;
    private final KeyValueService kv;
    private final NodeConfig config;
    private final NodeInfo info;
    private final Membership membership;
    private final RepairControl repairs;
    private final io.ringkv.chaos.fault.FaultRules faults;

    /** {@code membership} and {@code repairs} are null for a single node. */
    private final io.ringkv.coordinator.keyspace.ClusterFlush flush;

    LocalNodeControl(StorageEngine engine, KeyValueService kv, NodeConfig config, NodeInfo info,
                     Membership membership, RepairControl repairs, io.ringkv.chaos.fault.FaultRules faults,
                     io.ringkv.coordinator.keyspace.ClusterFlush flush) {
        this.flush = flush;
        this.repairs = repairs;
        this.faults = faults;
        this.engine = engine;
        this.kv = kv;
        this.config = config;
        this.info = info;
        this.membership = membership;
    }

    @Override
    public String ring() {
        StringBuilder out = new StringBuilder();
        if (membership == null) {
            return out.append("node=").append(config.get(NodeConfig.NODE_ID)).append(" address=")
                    .append(config.get(NodeConfig.BIND)).append(" status=Up state=NORMAL owns=1.000 tokens=0")
                    .append(" (single node, no --seeds)\n").toString();
        }
        Map<Integer, Double> owns = membership.ring().primaryOwnership();
        for (EndpointInfo node : membership.endpoints()) {
            out.append(String.format(java.util.Locale.ROOT,
                    "node=%d address=%s:%d resp=%d status=%s state=%s owns=%.3f tokens=%d%n", node.nodeId(),
                    node.host(), node.grpcPort(), node.respPort(), membership.isUp(node.nodeId()) ? "Up" : "Down",
                    node.state(), owns.getOrDefault(node.nodeId(), 0.0), node.tokens().size()));
        }
        return out.toString();
    }

    @Override
    public String ringKey(byte[] key) {
        long token = Murmur3Partitioner.token(key);
        StringBuilder out = new StringBuilder();
        out.append("key=").append(new String(key, StandardCharsets.UTF_8)).append('\n');
        out.append("token=").append(token).append('\n');
        List<Integer> replicas = membership == null ? List.of(config.get(NodeConfig.NODE_ID))
                : membership.ring().replicasFor(token);
        out.append("replicas=");
        for (int i = 0; i < replicas.size(); i++) {
            out.append(i == 0 ? "" : ",").append(replicas.get(i));
        }
        return out.append('\n').toString();
    }

    @Override
    public String ringTokens() {
        if (membership == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        membership.ring().tokens().forEach((token, node) ->
                out.append("token=").append(token).append(" node=").append(node).append('\n'));
        return out.toString();
    }

    @Override
    public List<String> fault(List<String> args) {
        return io.ringkv.chaos.fault.FaultCommand.apply(faults, config.get(NodeConfig.NODE_ID), args);
    }

    @Override
    public RepairControl repairs() {
        return repairs;
    }

    @Override
    public CompletableFuture<SnapshotInfo> snapshot() {
        return engine.snapshot();
    }

    @Override
    public long live() {
        return liveKeyCount();
    }

    @Override
    public long liveKeyCount() {
        long now = kv.nowMs();
        long count = 0;
        for (Iterator<Map.Entry<byte[], Cell>> it = engine.all(); it.hasNext(); ) {
            if (it.next().getValue().isLiveAt(now)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long withExpiry() {
        long now = kv.nowMs();
        long count = 0;
        for (Iterator<Map.Entry<byte[], Cell>> it = engine.all(); it.hasNext(); ) {
            Cell cell = it.next().getValue();
            if (cell.isLiveAt(now) && cell.hasExpiry()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public CompletableFuture<Void> flushAll() {
        return flush.flushAll();
    }

    @Override
    public String info(String section) {
        return info.render(section);
    }

    @Override
    public Map<String, String> config() {
        return config.asText();
    }

    @Override
    public long lastSnapshotEpochSeconds() {
        return engine.stats().lastSnapshotMs() / 1000;
    }
}
