package io.ringkv.coordinator.repair;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.proto.internode.LeafVersionsRequest;
import io.ringkv.proto.internode.LeafVersionsResponse;
import io.ringkv.proto.internode.RepairGrpc;
import io.ringkv.proto.internode.TreeNodesRequest;
import io.ringkv.proto.internode.TreeNodesResponse;
import io.ringkv.proto.internode.TreeRequest;
import io.ringkv.proto.internode.TreeResponse;
import io.ringkv.repair.KeyVersion;
import io.ringkv.repair.LocalRepairPeer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Answers other nodes' repair sessions from this node's trees. Tree building and leaf scans can
 * take a while, so they run on the repair executor, never on a gRPC transport thread.
 */
public final class RepairGrpcService extends RepairGrpc.RepairImplBase {
    private final LocalRepairPeer local;
    private final io.ringkv.coordinator.keyspace.KeyPages keyPages;
    private final Executor executor;

    public RepairGrpcService(LocalRepairPeer local, io.ringkv.coordinator.keyspace.KeyPages keyPages, Executor executor) {
        this.local = local;
        this.keyPages = keyPages;
        this.executor = executor;
    }

    /** A page of this node's keys with their summaries, for another node's SCAN, KEYS or DBSIZE. */
    @Override
    public void keyPage(io.ringkv.proto.internode.KeyPageRequest request,
                        StreamObserver<io.ringkv.proto.internode.KeyPageResponse> response) {
        answer(response, () -> keyPages.page(0, request.getRange().getStart(), request.getRange().getEnd(),
                Math.max(1, request.getLimit())), page -> {
                    io.ringkv.proto.internode.KeyPageResponse.Builder out =
                            io.ringkv.proto.internode.KeyPageResponse.newBuilder().setMore(page.more());
                    page.entries().forEach(entry -> out.addEntries(
                            io.ringkv.coordinator.grpc.CellMessages.toMessage(entry.getKey(), entry.getValue())));
                    return out.build();
                });
    }

    @Override
    public void tree(TreeRequest request, StreamObserver<TreeResponse> response) {
        answer(response, () -> local.tree(RangeMessages.fromMessage(request.getRange())),
                info -> TreeResponse.newBuilder().setDepth(info.depth()).setRoot(info.root()).build());
    }

    @Override
    public void treeNodes(TreeNodesRequest request, StreamObserver<TreeNodesResponse> response) {
        int[] indexes = request.getIndexesList().stream().mapToInt(Integer::intValue).toArray();
        answer(response, () -> local.nodes(RangeMessages.fromMessage(request.getRange()), request.getLevel(), indexes),
                hashes -> {
                    TreeNodesResponse.Builder out = TreeNodesResponse.newBuilder();
                    for (long hash : hashes) {
                        out.addHashes(hash);
                    }
                    return out.build();
                });
    }

    @Override
    public void leafVersions(LeafVersionsRequest request, StreamObserver<LeafVersionsResponse> response) {
        int[] leaves = request.getLeavesList().stream().mapToInt(Integer::intValue).toArray();
        answer(response, () -> local.versions(RangeMessages.fromMessage(request.getRange()), request.getDepth(), leaves),
                RepairGrpcService::toMessage);
    }

    private static LeafVersionsResponse toMessage(List<KeyVersion> versions) {
        LeafVersionsResponse.Builder out = LeafVersionsResponse.newBuilder();
        for (KeyVersion version : versions) {
            out.addVersions(io.ringkv.proto.internode.KeyVersion.newBuilder()
                    .setKey(wrap(version.key())).setHlc(version.hlc()).setNodeId(version.nodeId())
                    .setTombstone(version.tombstone()).setTyped(version.typed()).setDigest(version.digest()));
        }
        return out.build();
    }

    private static ByteString wrap(byte[] bytes) {
        // Stored keys are never modified, so wrapping without a copy is safe.
        return UnsafeByteOperations.unsafeWrap(bytes);
    }

    private <T, R> void answer(StreamObserver<R> response, java.util.function.Supplier<CompletableFuture<T>> work,
            Function<T, R> toMessage) {
        CompletableFuture.supplyAsync(work, executor).thenCompose(f -> f).whenComplete((result, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                Status status = cause instanceof IllegalArgumentException ? Status.FAILED_PRECONDITION : Status.INTERNAL;
                response.onError(status.withDescription(String.valueOf(cause.getMessage())).asRuntimeException());
            } else {
                response.onNext(toMessage.apply(result));
                response.onCompleted();
            }
        });
    }
}
