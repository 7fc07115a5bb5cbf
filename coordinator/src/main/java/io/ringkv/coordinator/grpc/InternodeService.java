package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.coordinator.paxos.Acceptor;
import io.ringkv.proto.internode.CommitRequest;
import io.ringkv.proto.internode.CommitResponse;
import io.ringkv.proto.internode.GossipRequest;
import io.ringkv.proto.internode.GossipResponse;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.MutateRequest;
import io.ringkv.proto.internode.MutateResponse;
import io.ringkv.proto.internode.PrepareRequest;
import io.ringkv.proto.internode.PrepareResponse;
import io.ringkv.proto.internode.ProposeRequest;
import io.ringkv.proto.internode.ProposeResponse;
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
 * The replica side of internode traffic: applies mutations to the local store, answers reads and
 * plays the acceptor in Paxos rounds. Every message advances the local HLC; a version or ballot
 * too far in the future is refused.
 */
public final class InternodeService extends InternodeGrpc.InternodeImplBase {
    private final StorageEngine engine;
    private final HybridClock clock;
    private final Acceptor acceptor;
    private volatile Function<GossipRequest, GossipResponse> gossipHandler;

    public InternodeService(StorageEngine engine, HybridClock clock, Acceptor acceptor) {
        this.engine = engine;
        this.clock = clock;
        this.acceptor = acceptor;
    }

    @Override
    public void prepare(PrepareRequest request, StreamObserver<PrepareResponse> response) {
        byte[] key = request.getKey().toByteArray();
        answer(response, () -> {
            clock.observe(request.getSenderHlc());
            clock.observe(request.getBallot().getHlc());
            return acceptor.prepare(key, PaxosMessages.fromMessage(request.getBallot()));
        }, promise -> PaxosMessages.toMessage(key, promise).setReplicaHlc(clock.current()).build());
    }

    @Override
    public void propose(ProposeRequest request, StreamObserver<ProposeResponse> response) {
        answer(response, () -> {
            clock.observe(request.getSenderHlc());
            clock.observe(request.getCell().getHlc());
            return acceptor.propose(request.getKey().toByteArray(), PaxosMessages.fromMessage(request.getBallot()),
                    CellMessages.fromMessage(request.getCell()));
        }, accepted -> ProposeResponse.newBuilder().setAccepted(accepted).setReplicaHlc(clock.current()).build());
    }

    @Override
    public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
        answer(response, () -> {
            clock.observe(request.getSenderHlc());
            clock.observe(request.getCell().getHlc());
            return acceptor.commit(request.getKey().toByteArray(), PaxosMessages.fromMessage(request.getBallot()),
                    CellMessages.fromMessage(request.getCell()));
        }, done -> CommitResponse.newBuilder().setReplicaHlc(clock.current()).build());
    }

    /** Runs an acceptor step and answers once its state is durable; a skewed clock or a failed write is an error. */
    private static <T, R> void answer(StreamObserver<R> response, java.util.function.Supplier<CompletableFuture<T>> step,
                                      Function<T, R> toMessage) {
        CompletableFuture<T> done;
        try {
            done = step.get();
        } catch (ClockSkewException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
            return;
        }
        done.whenComplete((value, failure) -> {
            if (failure != null) {
                response.onError(Status.INTERNAL.withDescription(failure.toString()).asRuntimeException());
            } else {
                response.onNext(toMessage.apply(value));
                response.onCompleted();
            }
        });
    }

    @Override
    public void mutate(MutateRequest request, StreamObserver<MutateResponse> response) {
        try {
            clock.observe(request.getSenderHlc());
            List<CompletableFuture<Boolean>> writes = new ArrayList<>(request.getCellsCount());
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < request.getCellsCount(); i++) {
                io.ringkv.proto.internode.Cell message = request.getCells(i);
                Cell cell = CellMessages.fromMessage(message);
                if (cell == null) {
                    continue;
                }
                byte[] key = CellMessages.key(message);
                if (request.getClientWrites() && engine.hasPaxosState(key)) {
                    refused.add(i);
                    continue;
                }
                clock.observe(cell.hlc());
                writes.add(engine.write(key, cell, true));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
                if (failure != null) {
                    response.onError(Status.INTERNAL.withDescription(failure.toString()).asRuntimeException());
                } else {
                    response.onNext(MutateResponse.newBuilder().setReplicaHlc(clock.current()).addAllRefused(refused).build());
                    response.onCompleted();
                }
            });
        } catch (ClockSkewException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } finally {
            // One AOF write for the whole batch, on this thread: no hand-off to the writer and back.
            engine.flushWrites();
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
