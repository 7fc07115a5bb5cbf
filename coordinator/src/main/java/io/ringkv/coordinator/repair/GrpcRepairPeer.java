package io.ringkv.coordinator.repair;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.ManagedChannel;
import io.ringkv.coordinator.grpc.CellMessages;
import io.ringkv.coordinator.grpc.GrpcFutures;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.LeafVersionsRequest;
import io.ringkv.proto.internode.MutateRequest;
import io.ringkv.proto.internode.ReadRequest;
import io.ringkv.proto.internode.RepairGrpc;
import io.ringkv.proto.internode.TreeNodesRequest;
import io.ringkv.proto.internode.TreeRequest;
import io.ringkv.repair.KeyVersion;
import io.ringkv.repair.RepairPeer;
import io.ringkv.repair.StoredCell;
import io.ringkv.repair.TreeInfo;
import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import com.google.protobuf.MessageLite;

/** Another replica's side of a repair session, over its gRPC channel. */
final class GrpcRepairPeer implements RepairPeer {
    private final int nodeId;
    private final ManagedChannel channel;
    private final HybridClock clock;
    private final long timeoutMs;
    private final AtomicLong bytes = new AtomicLong();

    GrpcRepairPeer(int nodeId, ManagedChannel channel, HybridClock clock, long timeoutMs) {
        this.nodeId = nodeId;
        this.channel = channel;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    /** Protobuf payload bytes of every request and answer (HTTP/2 framing not counted). */
    @Override
    public long bytesTransferred() {
        return bytes.get();
    }

    private RepairGrpc.RepairFutureStub repair() {
        return RepairGrpc.newFutureStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private InternodeGrpc.InternodeFutureStub internode() {
        return InternodeGrpc.newFutureStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<TreeInfo> tree(TokenRange range) {
        TreeRequest request = TreeRequest.newBuilder().setRange(RangeMessages.toMessage(range)).build();
        return convert(request, repair().tree(request),
                r -> new TreeInfo(r.getDepth(), r.getRoot()));
    }

    @Override
    public CompletableFuture<long[]> nodes(TokenRange range, int level, int[] indexes) {
        TreeNodesRequest.Builder request = TreeNodesRequest.newBuilder().setRange(RangeMessages.toMessage(range))
                .setLevel(level);
        for (int index : indexes) {
            request.addIndexes(index);
        }
        TreeNodesRequest built = request.build();
        return convert(built, repair().treeNodes(built), r -> r.getHashesList().stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public CompletableFuture<List<KeyVersion>> versions(TokenRange range, int depth, int[] leaves) {
        LeafVersionsRequest.Builder request = LeafVersionsRequest.newBuilder().setRange(RangeMessages.toMessage(range))
                .setDepth(depth);
        for (int leaf : leaves) {
            request.addLeaves(leaf);
        }
        LeafVersionsRequest built = request.build();
        return convert(built, repair().leafVersions(built), r -> {
            List<KeyVersion> out = new ArrayList<>(r.getVersionsCount());
            for (io.ringkv.proto.internode.KeyVersion v : r.getVersionsList()) {
                out.add(new KeyVersion(v.getKey().toByteArray(), v.getHlc(), v.getNodeId(), v.getTombstone(),
                        v.getTyped(), v.getDigest()));
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<List<StoredCell>> cells(List<byte[]> keys) {
        ReadRequest.Builder request = ReadRequest.newBuilder().setSenderHlc(clock.now());
        keys.forEach(key -> request.addKeys(UnsafeByteOperations.unsafeWrap(key)));
        ReadRequest built = request.build();
        return convert(built, internode().read(built), r -> {
            clock.observe(r.getReplicaHlc());
            List<StoredCell> out = new ArrayList<>(keys.size());
            for (int i = 0; i < r.getCellsCount(); i++) {
                Cell cell = CellMessages.fromMessage(r.getCells(i));
                if (cell != null) {
                    out.add(new StoredCell(keys.get(i), cell));
                }
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<Void> apply(List<StoredCell> cells) {
        MutateRequest.Builder request = MutateRequest.newBuilder().setSenderHlc(clock.now());
        cells.forEach(c -> request.addCells(CellMessages.toMessage(c.key(), c.cell())));
        MutateRequest built = request.build();
        return convert(built, internode().mutate(built), r -> {
            clock.observe(r.getReplicaHlc());
            return null;
        });
    }

    private <R extends MessageLite, T> CompletableFuture<T> convert(MessageLite request, ListenableFuture<R> call,
            Function<R, T> onAnswer) {
        bytes.addAndGet(request.getSerializedSize());
        return GrpcFutures.map(call, answer -> {
            bytes.addAndGet(answer.getSerializedSize());
            return onAnswer.apply(answer);
        });
    }
}
