package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.proto.internode.GossipRequest;
import io.ringkv.proto.internode.GossipResponse;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.MutateRequest;
import io.ringkv.proto.internode.MutateResponse;
import io.ringkv.proto.internode.ReadRequest;
import io.ringkv.proto.internode.ReadResponse;
import io.ringkv.storage.Cell;
import io.ringkv.storage.ClockSkewException;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.StorageEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The replica side of internode traffic: applies mutations to the local store and answers reads.
 * Every message advances the local HLC; a version too far in the future is refused.
 */
public final class InternodeService extends InternodeGrpc.InternodeImplBase {
    private final StorageEngine engine;
    private final HybridClock clock;
    private volatile Function<GossipRequest, GossipResponse> gossipHandler;

    public InternodeService(StorageEngine engine, HybridClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void mutate(MutateRequest request, StreamObserver<MutateResponse> response) {
        try {
            clock.observe(request.getSenderHlc());
            List<CompletableFuture<Boolean>> writes = new ArrayList<>(request.getCellsCount());
            for (io.ringkv.proto.internode.Cell message : request.getCellsList()) {
                Cell cell = CellMessages.fromMessage(message);
                if (cell != null) {
                    clock.observe(cell.hlc());
                    writes.add(engine.write(CellMessages.key(message), cell));
                }
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
                if (failure != null) {
                    response.onError(Status.INTERNAL.withDescription(failure.toString()).asRuntimeException());
                } else {
                    response.onNext(MutateResponse.newBuilder().setReplicaHlc(clock.current()).build());
                    response.onCompleted();
                }
            });
        } catch (ClockSkewException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> response) {
        try {
            clock.observe(request.getSenderHlc());
        } catch (ClockSkewException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        ReadResponse.Builder out = ReadResponse.newBuilder();
        for (com.google.protobuf.ByteString key : request.getKeysList()) {
            byte[] keyBytes = key.toByteArray();
            Cell cell = engine.read(keyBytes);
            if (request.getDigestOnly() && cell != null && !cell.isTombstone()) {
                cell = Cell.live(cell.hlc(), cell.nodeId(), new byte[0], cell.expiresAtMs());
            }
            out.addCells(CellMessages.toMessage(keyBytes, cell));
        }
        response.onNext(out.setReplicaHlc(clock.current()).build());
        response.onCompleted();
    }

    /** Set once the node knows its own address; a single node never gossips. */
    public void gossipHandler(Function<GossipRequest, GossipResponse> handler) {
        this.gossipHandler = handler;
    }

    @Override
    public void gossip(GossipRequest request, StreamObserver<GossipResponse> response) {
        Function<GossipRequest, GossipResponse> handler = gossipHandler;
        if (handler == null) {
            response.onError(Status.UNAVAILABLE.withDescription("this node is not part of a cluster (no --seeds)")
                    .asRuntimeException());
            return;
        }
        response.onNext(handler.apply(request));
        response.onCompleted();
    }
}
