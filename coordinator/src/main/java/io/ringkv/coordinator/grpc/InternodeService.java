package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.chaos.fault.FaultServerInterceptor;
import io.ringkv.coordinator.paxos.Acceptor;
import io.ringkv.proto.internode.CommitRequest;
import io.ringkv.proto.internode.CommitResponse;
import io.ringkv.proto.internode.GossipRequest;
import io.ringkv.proto.internode.GossipResponse;
import io.ringkv.proto.internode.IncrementRequest;
import io.ringkv.proto.internode.IncrementResponse;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.MutateRequest;
import io.ringkv.proto.internode.MutateResponse;
import io.ringkv.proto.internode.PeerBatch;
import io.ringkv.proto.internode.PeerBatchReply;
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
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.coordinator.kv.CounterOwner;
import io.ringkv.storage.types.ValueTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The replica side of internode traffic: applies mutations to the local store, answers reads and
 * plays the acceptor in Paxos rounds. Every message advances the local HLC; a version or ballot
 * too far in the future is refused.
 */
public final class InternodeService extends InternodeGrpc.InternodeImplBase {
    private final StorageEngine engine;
    private final HybridClock clock;
    private final Acceptor acceptor;
    private final CounterOwner counterOwner;
    private final IntFunction<Status> refusalOf;
    private final PubSubReceiver pubsub;
    private final java.util.Set<PeerBatchReceiver> openStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Function<GossipRequest, GossipResponse> gossipHandler;

    /**
     * {@code refusalOf} gives the status to refuse a peer's batches with, or null while they are
     * accepted (the receiving side of a partition, checked for each batch of a stream).
     */
    public InternodeService(StorageEngine engine, CounterOwner counterOwner, HybridClock clock, Acceptor acceptor,
                            IntFunction<Status> refusalOf, io.ringkv.coordinator.pubsub.PubSubRegistry pubsub) {
        this.pubsub = new PubSubReceiver(pubsub);
        this.counterOwner = counterOwner;
        this.refusalOf = refusalOf;
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
            io.ringkv.storage.types.list.ListSlice dataSlice = request.hasDataSlice()
                    ? CellMessages.fromMessage(request.getDataSlice()) : null;
            return acceptor.prepare(key, PaxosMessages.fromMessage(request.getBallot()), dataSlice);
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

    /** Runs a replica step and answers once it is done (for an acceptor: once its state is durable). */
    private static <T, R> void answer(StreamObserver<R> response, Supplier<CompletableFuture<T>> step,
                                      Function<T, R> toMessage) {
        ReplicaSteps.start(step).whenComplete((value, failure) -> {
            if (failure != null) {
                response.onError(ReplicaSteps.statusOf(failure).asRuntimeException());
            } else {
                response.onNext(toMessage.apply(value));
                response.onCompleted();
            }
        });
    }

    @Override
    public void mutate(MutateRequest request, StreamObserver<MutateResponse> response) {
        answer(response, () -> mutateBatch(request), answer -> answer);
    }

    /** Applies a batch of cells and writes their AOF records on this thread; the answer comes once they are durable. */
    CompletableFuture<MutateResponse> mutateBatch(MutateRequest request) {
        try {
            return ReplicaSteps.start(() -> applyMutations(request));
        } finally {
            // One AOF write for the whole batch, on this thread: no hand-off to the writer and back.
            engine.flushWrites();
        }
    }

    /** @throws ClockSkewException when the sender's clock or a cell's version is too far ahead */
    private CompletableFuture<MutateResponse> applyMutations(MutateRequest request) {
        clock.observe(request.getSenderHlc());
        if (request.getAtomic()) {
            return applyAtomically(request);
        }
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
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done ->
                MutateResponse.newBuilder().setReplicaHlc(clock.current()).addAllRefused(refused).build());
    }

    /** A transaction's cells: all applied as one step and one AOF record, or (a key has Paxos state) none. */
    private CompletableFuture<MutateResponse> applyAtomically(MutateRequest request) {
        MutateResponse.Builder answer = MutateResponse.newBuilder();
        List<byte[]> keys = new ArrayList<>(request.getCellsCount());
        List<Cell> cells = new ArrayList<>(request.getCellsCount());
        for (io.ringkv.proto.internode.Cell message : request.getCellsList()) {
            Cell cell = CellMessages.fromMessage(message);
            if (cell != null) {
                keys.add(CellMessages.key(message));
                cells.add(cell);
                clock.observe(cell.hlc());
            }
        }
        if (request.getClientWrites() && keys.stream().anyMatch(engine::hasPaxosState)) {
            for (int i = 0; i < request.getCellsCount(); i++) {
                answer.addRefused(i);
            }
            return CompletableFuture.completedFuture(answer.setReplicaHlc(clock.current()).build());
        }
        CompletableFuture<Boolean> durable = keys.isEmpty() ? CompletableFuture.completedFuture(false)
                : engine.writeAll(keys, cells, true);
        return durable.thenApply(done -> answer.setReplicaHlc(clock.current()).build());
    }

    @Override
    public void increment(IncrementRequest request, StreamObserver<IncrementResponse> response) {
        answer(response, () -> {
            clock.observe(request.getSenderHlc());
            byte[] key = request.getKey().toByteArray();
            Cell observed = request.hasObserved() ? CellMessages.fromMessage(request.getObserved()) : null;
            try {
                byte[] field = request.getHasField() ? request.getField().toByteArray() : null;
                java.math.BigDecimal decimal = request.getDecimalAmount().isEmpty() ? null
                        : new java.math.BigDecimal(request.getDecimalAmount());
                return counterOwner.increment(key, field, request.getAmount(), decimal, observed).thenApply(result -> {
                    IncrementResponse.Builder answer = IncrementResponse.newBuilder()
                            .setDelta(CellMessages.toMessage(key, result.delta())).setValue(result.value());
                    return result.text() == null ? answer : answer.setText(result.text());
                });
            } catch (ValueRefusedException refused) {
                return CompletableFuture.completedFuture(IncrementResponse.newBuilder().setRefused(refused.getMessage()));
            } finally {
                engine.flushWrites();
            }
        }, answer -> answer.setReplicaHlc(clock.current()).build());
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> response) {
        answer(response, () -> readBatch(request), answer -> answer);
    }

    CompletableFuture<ReadResponse> readBatch(ReadRequest request) {
        return ReplicaSteps.start(() -> CompletableFuture.completedFuture(answerReads(request)));
    }

    /**
     * The stored cells of a batch of keys, in request order (versions only for a digest read).
     *
     * @throws ClockSkewException when the sender's clock is too far ahead
     */
    private ReadResponse answerReads(ReadRequest request) {
        clock.observe(request.getSenderHlc());
        ReadResponse.Builder out = ReadResponse.newBuilder();
        for (int i = 0; i < request.getKeysCount(); i++) {
            byte[] keyBytes = request.getKeys(i).toByteArray();
            Cell cell = engine.read(keyBytes);
            if (request.getProjectionsCount() > 0 && request.getProjections(i).getSummary()) {
                cell = ValueTypes.summarize(cell);
            } else if (request.getProjectionsCount() > 0 && request.getProjections(i).hasListSlice()) {
                cell = ValueTypes.project(cell, CellMessages.fromMessage(request.getProjections(i).getListSlice()));
            } else if (request.getProjectionsCount() > 0 && !request.getProjections(i).getWhole()) {
                List<byte[]> parts = new ArrayList<>();
                request.getProjections(i).getPartsList().forEach(part -> parts.add(part.toByteArray()));
                cell = ValueTypes.project(cell, parts);
            }
            if (request.getDigestOnly() && cell != null && !cell.isTombstone() && cell.isString()) {
                cell = Cell.live(cell.hlc(), cell.nodeId(), new byte[0], cell.expiresAtMs());
            }
            out.addCells(CellMessages.toMessage(keyBytes, cell));
        }
        return out.setReplicaHlc(clock.current()).build();
    }

    private volatile java.util.function.Consumer<io.ringkv.proto.internode.KeyWatchRequest> keyWatches = request -> { };

    /** Where peers' watches of keys and wake-ups of blocked pops go (set once the node's parts exist). */
    public void keyWatchHandler(java.util.function.Consumer<io.ringkv.proto.internode.KeyWatchRequest> handler) {
        this.keyWatches = handler;
    }

    void keyWatchBatch(io.ringkv.proto.internode.KeyWatchRequest request) {
        keyWatches.accept(request);
    }

    /** A message a peer published, for this node's subscribers (it arrives on the peer's stream). */
    io.ringkv.proto.internode.PublishResponse publishBatch(io.ringkv.proto.internode.PublishRequest request) {
        return pubsub.publish(request);
    }

    @Override
    public void pubSubQuery(io.ringkv.proto.internode.PubSubQueryRequest request,
                            StreamObserver<io.ringkv.proto.internode.PubSubQueryResponse> response) {
        try {
            response.onNext(pubsub.query(request));
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    /** A peer's stream of batches; the peer is the one {@link FaultServerInterceptor} found in the call's headers. */
    @Override
    public StreamObserver<PeerBatch> exchange(StreamObserver<PeerBatchReply> replies) {
        int peer = FaultServerInterceptor.SENDER.get();
        PeerBatchReceiver[] self = new PeerBatchReceiver[1];
        self[0] = new PeerBatchReceiver(this, replies, () -> refusalOf.apply(peer), () -> openStreams.remove(self[0]));
        openStreams.add(self[0]);
        return self[0];
    }

    /**
     * Ends every peer's stream, so a shutting-down server need not wait for them: the peers fail
     * what was still waiting and reconnect when this node is back.
     */
    public void endStreams() {
        openStreams.forEach(PeerBatchReceiver::onCompleted);
    }

    /** FLUSHALL from another node: applies the truncation off the transport thread (it visits every stored cell). */
    @Override
    public void truncate(io.ringkv.proto.internode.TruncateRequest request,
                         StreamObserver<io.ringkv.proto.internode.TruncateResponse> response) {
        clock.observe(request.getHlc());
        CompletableFuture.supplyAsync(() -> {
            try {
                return engine.truncate(request.getHlc(), request.getNodeId());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((applied, failure) -> {
            if (failure != null) {
                response.onError(Status.INTERNAL.withDescription(String.valueOf(failure.getMessage())).asRuntimeException());
            } else {
                response.onNext(io.ringkv.proto.internode.TruncateResponse.newBuilder().setApplied(applied).build());
                response.onCompleted();
            }
        });
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
