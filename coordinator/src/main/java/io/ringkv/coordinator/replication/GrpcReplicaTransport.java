package io.ringkv.coordinator.replication;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.ringkv.chaos.fault.FaultGate;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.grpc.CellMessages;
import io.ringkv.coordinator.grpc.GrpcFutures;
import io.ringkv.coordinator.grpc.InternodeEventLoops;
import io.ringkv.coordinator.grpc.PaxosMessages;
import io.ringkv.coordinator.paxos.Acceptor;
import io.ringkv.coordinator.paxos.PaxosTransport;
import io.ringkv.coordinator.paxos.Promise;
import io.ringkv.proto.internode.CommitRequest;
import io.ringkv.proto.internode.IncrementRequest;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.MutateRequest;
import io.ringkv.proto.internode.PeerBatch;
import io.ringkv.proto.internode.PeerBatchReply;
import io.ringkv.proto.internode.PrepareRequest;
import io.ringkv.proto.internode.ProposeRequest;
import io.ringkv.proto.internode.ReadProjection;
import io.ringkv.proto.internode.ReadRequest;
import io.ringkv.proto.internode.ReadResponse;
import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.counter.CounterIncrement;
import io.ringkv.coordinator.kv.CounterOwner;
import io.ringkv.storage.types.ValueTypes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Replica calls over gRPC, one long-lived channel per peer, each call bounded by the request
 * timeout. Mutations and reads to a peer are batched ({@link PeerBatcher}): under load many
 * share one batch instead of one call per replica per request, and the batches travel on one
 * stream per peer ({@link PeerStream}); Paxos rounds are calls of their own. Calls to this node
 * itself go straight to its storage engine. Every answer's HLC is observed, so a read-then-write
 * through one coordinator is causal.
 */
public final class GrpcReplicaTransport implements ReplicaTransport, PaxosTransport, AutoCloseable {
    private final int selfId;
    private final StorageEngine localEngine;
    private final CounterOwner counterOwner;
    private final HybridClock clock;
    private final Membership membership;
    private final long requestTimeoutMs;
    private static final int MAX_BATCHES_IN_FLIGHT = 4;
    private static final int MAX_BATCH = 256;
    /** Far below the peers' 64 MiB message limit, so a batch of large values is never refused whole. */
    private static final long MAX_BATCH_BYTES = 4 << 20;
    /** Room for a cell's version, flags and framing besides its key and value. */
    private static final int CELL_OVERHEAD_BYTES = 32;

    private final ConcurrentHashMap<Integer, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerStream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerBatcher<PendingMutation>> mutationBatchers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerBatcher<PendingMutation>> clientWriteBatchers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerBatcher<PendingRead>> readBatchers = new ConcurrentHashMap<>();

    private record PendingMutation(byte[] key, Cell cell, CompletableFuture<Void> done) {
    }

    private record PendingRead(byte[] key, List<byte[]> parts, CompletableFuture<Cell> done) {
    }

    private final java.util.function.IntFunction<io.grpc.ClientInterceptor> interceptorFor;
    private final Acceptor localAcceptor;
    private final InternodeEventLoops loops;
    private final Supplier<Executor> currentLoop;
    private final FaultGate faultGate;
    private final ScheduledExecutorService timer;

    /**
     * {@code interceptorFor} gives the interceptor of the channel to a node (fault injection);
     * Paxos calls to this node itself go to {@code localAcceptor}. {@code currentLoop} names the
     * client event loop the calling thread runs (null elsewhere): replica requests made there
     * leave together at the end of the loop's iteration. Batched mutations and reads travel on a
     * stream per peer, where {@code faultGate} applies the fault rules to each batch; {@code timer}
     * checks their deadlines.
     */
    public GrpcReplicaTransport(int selfId, StorageEngine localEngine, CounterOwner counterOwner, Acceptor localAcceptor, HybridClock clock,
                                Membership membership, long requestTimeoutMs, InternodeEventLoops loops,
                                Supplier<Executor> currentLoop,
                                java.util.function.IntFunction<io.grpc.ClientInterceptor> interceptorFor,
                                FaultGate faultGate, ScheduledExecutorService timer) {
        this.faultGate = faultGate;
        this.timer = timer;
        this.currentLoop = currentLoop;
        this.loops = loops;
        this.localAcceptor = localAcceptor;
        this.interceptorFor = interceptorFor;
        this.selfId = selfId;
        this.localEngine = localEngine;
        this.counterOwner = counterOwner;
        this.clock = clock;
        this.membership = membership;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public CompletableFuture<Void> mutate(int nodeId, byte[] key, Cell cell) {
        if (nodeId == selfId) {
            return writeLocally(key, cell);
        }
        return enqueue(mutationBatchers, nodeId, key, cell, false);
    }

    @Override
    public CompletableFuture<Void> write(int nodeId, byte[] key, Cell cell) {
        if (nodeId == selfId) {
            if (localEngine.hasPaxosState(key)) {
                return CompletableFuture.failedFuture(new StrongKeyException());
            }
            return writeLocally(key, cell);
        }
        return enqueue(clientWriteBatchers, nodeId, key, cell, true);
    }

    @Override
    public CompletableFuture<Void> writeAll(int nodeId, List<byte[]> keys, List<Cell> cells) {
        if (nodeId == selfId) {
            if (keys.stream().anyMatch(localEngine::hasPaxosState)) {
                return CompletableFuture.failedFuture(new StrongKeyException());
            }
            CompletableFuture<Boolean> durable;
            try {
                durable = localEngine.writeAll(keys, cells, true);
            } catch (RuntimeException tooLarge) {
                return CompletableFuture.failedFuture(tooLarge);
            }
            localEngine.flushWrites();
            return durable.thenApply(applied -> null);
        }
        // A batch of its own, not the peer's batcher: the replica must get these cells in one message.
        MutateRequest.Builder request = MutateRequest.newBuilder().setSenderHlc(clock.now()).setClientWrites(true)
                .setAtomic(true);
        for (int i = 0; i < keys.size(); i++) {
            request.addCells(CellMessages.toMessage(keys.get(i), cells.get(i)));
        }
        return sendBatch(nodeId, PeerBatch.newBuilder().setMutate(request)).thenApply(reply -> {
            clock.observe(reply.getMutate().getReplicaHlc());
            if (reply.getMutate().getRefusedCount() > 0) {
                throw new StrongKeyException();
            }
            return null;
        });
    }

    /** Writes the AOF record on this thread at once, rather than waking the AOF writer thread for it. */
    private CompletableFuture<Void> writeLocally(byte[] key, Cell cell) {
        CompletableFuture<Boolean> durable = localEngine.write(key, cell, true);
        localEngine.flushWrites();
        return durable.thenApply(applied -> null);
    }

    private static int valueBytes(Cell cell) {
        return cell.value() == null ? 0 : cell.value().length;
    }

    private CompletableFuture<Void> enqueue(ConcurrentHashMap<Integer, PeerBatcher<PendingMutation>> batchers, int nodeId,
                                            byte[] key, Cell cell, boolean clientWrites) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        batchers.computeIfAbsent(nodeId, id -> new PeerBatcher<PendingMutation>(MAX_BATCHES_IN_FLIGHT, MAX_BATCH,
                MAX_BATCH_BYTES, m -> m.key().length + valueBytes(m.cell()) + CELL_OVERHEAD_BYTES,
                batch -> sendMutations(id, batch, clientWrites, batchers.get(id)), currentLoop))
                .add(new PendingMutation(key, cell, done));
        return done;
    }

    private void sendMutations(int nodeId, List<PendingMutation> batch, boolean clientWrites,
                               PeerBatcher<PendingMutation> batcher) {
        MutateRequest.Builder request = MutateRequest.newBuilder().setSenderHlc(clock.now()).setClientWrites(clientWrites);
        for (PendingMutation m : batch) {
            request.addCells(CellMessages.toMessage(m.key(), m.cell()));
        }
        sendBatch(nodeId, PeerBatch.newBuilder().setMutate(request)).thenApply(reply -> {
            clock.observe(reply.getMutate().getReplicaHlc());
            return reply.getMutate().getRefusedList();
        }).whenComplete((refused, failure) -> {
            batcher.batchDone();
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<Void> done = batch.get(i).done();
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else if (refused.contains(i)) {
                    done.completeExceptionally(new StrongKeyException());
                } else {
                    done.complete(null);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Cell> read(int nodeId, byte[] key, List<byte[]> parts) {
        if (nodeId == selfId) {
            return CompletableFuture.completedFuture(ValueTypes.answer(localEngine.read(key), parts));
        }
        CompletableFuture<Cell> done = new CompletableFuture<>();
        readBatchers.computeIfAbsent(nodeId, id -> new PeerBatcher<PendingRead>(MAX_BATCHES_IN_FLIGHT, MAX_BATCH,
                MAX_BATCH_BYTES, r -> r.key().length + CELL_OVERHEAD_BYTES,
                batch -> sendReads(id, batch), currentLoop)).add(new PendingRead(key, parts, done));
        return done;
    }

    private void sendReads(int nodeId, List<PendingRead> batch) {
        ReadRequest.Builder request = ReadRequest.newBuilder().setSenderHlc(clock.now());
        boolean projected = false;
        for (PendingRead r : batch) {
            request.addKeys(CellMessages.wrapKey(r.key()));
            projected |= r.parts() != null;
        }
        if (projected) {
            for (PendingRead r : batch) {
                ReadProjection.Builder projection = ReadProjection.newBuilder().setWhole(r.parts() == null)
                        .setSummary(io.ringkv.storage.types.Summary.isRequest(r.parts()));
                io.ringkv.storage.types.list.ListSlice slice = io.ringkv.storage.types.list.ListSlice.of(r.parts());
                if (slice != null) {
                    projection.setListSlice(CellMessages.toMessage(slice));
                } else if (r.parts() != null) {
                    r.parts().forEach(part -> projection.addParts(com.google.protobuf.ByteString.copyFrom(part)));
                }
                request.addProjections(projection);
            }
        }
        sendBatch(nodeId, PeerBatch.newBuilder().setRead(request)).thenApply(reply -> {
            ReadResponse response = reply.getRead();
            clock.observe(response.getReplicaHlc());
            if (response.getCellsCount() != batch.size()) {
                throw new IllegalStateException("replica " + nodeId + " answered " + response.getCellsCount()
                        + " cells for " + batch.size() + " keys");
            }
            return response;
        }).whenComplete((response, failure) -> {
            readBatchers.get(nodeId).batchDone();
            for (int i = 0; i < batch.size(); i++) {
                if (failure == null) {
                    batch.get(i).done().complete(CellMessages.fromMessage(response.getCells(i)));
                } else {
                    batch.get(i).done().completeExceptionally(failure);
                }
            }
        });
    }

    @Override
    public CompletableFuture<CounterIncrement.Result> increment(int nodeId, byte[] key, byte[] field, long amount,
                                                                java.math.BigDecimal decimal, Cell observed) {
        if (nodeId == selfId) {
            CompletableFuture<CounterIncrement.Result> result;
            try {
                result = counterOwner.increment(key, field, amount, decimal, observed);
            } catch (ValueRefusedException refused) {
                return CompletableFuture.failedFuture(refused);
            }
            localEngine.flushWrites();
            return result;
        }
        IncrementRequest.Builder request = IncrementRequest.newBuilder().setKey(CellMessages.wrapKey(key)).setAmount(amount)
                .setSenderHlc(clock.now());
        if (observed != null) {
            request.setObserved(CellMessages.toMessage(key, observed));
        }
        if (field != null) {
            request.setField(com.google.protobuf.ByteString.copyFrom(field)).setHasField(true);
        }
        if (decimal != null) {
            request.setDecimalAmount(decimal.toString());
        }
        return call(nodeId, stub -> stub.increment(request.build()), response -> {
            clock.observe(response.getReplicaHlc());
            if (!response.getRefused().isEmpty()) {
                throw new ValueRefusedException(response.getRefused());
            }
            return new CounterIncrement.Result(CellMessages.fromMessage(response.getDelta()), response.getValue(),
                    response.getText().isEmpty() ? null : response.getText());
        });
    }

    @Override
    public CompletableFuture<Promise> prepare(int nodeId, byte[] key, Ballot ballot,
                                              io.ringkv.storage.types.list.ListSlice dataSlice) {
        if (nodeId == selfId) {
            return localAcceptor.prepare(key, ballot, dataSlice);
        }
        PrepareRequest.Builder request = PrepareRequest.newBuilder().setKey(CellMessages.wrapKey(key))
                .setBallot(PaxosMessages.toMessage(ballot)).setSenderHlc(clock.now());
        if (dataSlice != null) {
            request.setDataSlice(CellMessages.toMessage(dataSlice));
        }
        PrepareRequest built = request.build();
        return call(nodeId, stub -> stub.prepare(built), response -> {
            clock.observe(response.getReplicaHlc());
            return PaxosMessages.fromMessage(response);
        });
    }

    @Override
    public CompletableFuture<Boolean> propose(int nodeId, byte[] key, Ballot ballot, Cell cell) {
        if (nodeId == selfId) {
            return localAcceptor.propose(key, ballot, cell);
        }
        ProposeRequest request = ProposeRequest.newBuilder().setKey(CellMessages.wrapKey(key))
                .setBallot(PaxosMessages.toMessage(ballot)).setCell(CellMessages.toMessage(key, cell))
                .setSenderHlc(clock.now()).build();
        return call(nodeId, stub -> stub.propose(request), response -> {
            clock.observe(response.getReplicaHlc());
            return response.getAccepted();
        });
    }

    @Override
    public CompletableFuture<Void> commit(int nodeId, byte[] key, Ballot ballot, Cell cell) {
        if (nodeId == selfId) {
            return localAcceptor.commit(key, ballot, cell);
        }
        CommitRequest request = CommitRequest.newBuilder().setKey(CellMessages.wrapKey(key))
                .setBallot(PaxosMessages.toMessage(ballot)).setCell(CellMessages.toMessage(key, cell))
                .setSenderHlc(clock.now()).build();
        return call(nodeId, stub -> stub.commit(request), response -> {
            clock.observe(response.getReplicaHlc());
            return null;
        });
    }

    private <R, T> CompletableFuture<T> call(int nodeId,
                                             Function<InternodeGrpc.InternodeFutureStub, ListenableFuture<R>> rpc,
                                             Function<R, T> onAnswer) {
        ManagedChannel channel;
        try {
            channel = channelTo(nodeId);
        } catch (IllegalStateException unknown) {
            return CompletableFuture.failedFuture(unknown);
        }
        InternodeGrpc.InternodeFutureStub stub = InternodeGrpc.newFutureStub(channel)
                .withDeadlineAfter(requestTimeoutMs, TimeUnit.MILLISECONDS);
        return GrpcFutures.map(rpc.apply(stub), onAnswer);
    }

    /** Hands a published message to a peer on its stream; completes with how many of its subscribers got it. */
    public CompletableFuture<Long> publish(int nodeId, io.ringkv.proto.internode.PublishRequest message) {
        return sendBatch(nodeId, PeerBatch.newBuilder().setPublish(message)).thenApply(reply -> reply.getPublish().getReceivers());
    }

    /** A watch of keys, or a wake-up for them, on the peer's stream (see {@link RemoteWaits}). */
    public CompletableFuture<Void> keyWatch(int nodeId, io.ringkv.proto.internode.KeyWatchRequest request) {
        return sendBatch(nodeId, PeerBatch.newBuilder().setKeyWatch(request)).thenApply(reply -> null);
    }

    /** What a peer's pub/sub registry holds. */
    public CompletableFuture<io.ringkv.proto.internode.PubSubQueryResponse> pubSubQuery(int nodeId,
            io.ringkv.proto.internode.PubSubQueryRequest request) {
        return call(nodeId, stub -> stub.pubSubQuery(request), response -> response);
    }

    /** Sends a batch on the peer's stream; fails when the peer is not known or this node is closing. */
    private CompletableFuture<PeerBatchReply> sendBatch(int nodeId, PeerBatch.Builder batch) {
        PeerStream stream;
        try {
            stream = streams.computeIfAbsent(nodeId, id -> {
                if (membership.endpoint(id) == null) {
                    throw new IllegalStateException("unknown node " + id);
                }
                return new PeerStream(id, () -> channelTo(id), faultGate, requestTimeoutMs, timer);
            });
        } catch (RuntimeException unknownOrClosing) {
            return CompletableFuture.failedFuture(unknownOrClosing);
        }
        return stream.send(batch);
    }

    /** The long-lived channel to a peer, shared with repair sessions. */
    public ManagedChannel channel(int nodeId) {
        return channelTo(nodeId);
    }

    private ManagedChannel channelTo(int nodeId) {
        return channels.computeIfAbsent(nodeId, id -> {
            var endpoint = membership.endpoint(id);
            if (endpoint == null) {
                throw new IllegalStateException("unknown node " + id);
            }
            String address = membership.grpcAddressOf(endpoint);
            int colon = address.lastIndexOf(':');
            return loops.applyTo(NettyChannelBuilder.forAddress(address.substring(0, colon),
                            Integer.parseInt(address.substring(colon + 1))))
                    .usePlaintext()
                    .directExecutor().maxInboundMessageSize(64 * 1024 * 1024).intercept(interceptorFor.apply(id)).build();
        });
    }

    /**
     * Called when gossip sees a peer come Up: a channel that failed to reach it while it was away
     * may be waiting out a reconnect back-off (up to minutes), during which every call, a repair
     * session's or a hint replay's included, fails at once. Reconnect now instead.
     */
    public void peerCameUp(int nodeId) {
        ManagedChannel channel = channels.get(nodeId);
        if (channel != null) {
            channel.resetConnectBackoff();
        }
    }

    /** Drops a peer's channel, e.g. after it restarted on another port. */
    public void forget(int nodeId) {
        PeerStream stream = streams.remove(nodeId);
        if (stream != null) {
            stream.close();
        }
        ManagedChannel channel = channels.remove(nodeId);
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    @Override
    public void close() {
        streams.values().forEach(PeerStream::close);
        streams.clear();
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
