package io.ringkv.coordinator.keyspace;

import io.grpc.ManagedChannel;
import io.ringkv.coordinator.grpc.GrpcFutures;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.TruncateRequest;
import io.ringkv.storage.Cell;
import io.ringkv.storage.StorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FLUSHALL and FLUSHDB across the cluster: a truncation at a fresh version, applied on this node
 * and sent to every other member that is up ({@link StorageEngine#truncate}). A member that is
 * down learns it when it comes back: every node that holds a truncation sends it to a peer that
 * comes up, and older writes that reach any node later (hints, repair) are dropped.
 */
public final class ClusterFlush {
    private static final Logger log = LoggerFactory.getLogger(ClusterFlush.class);

    private final StorageEngine engine;
    private final LongSupplier newVersion;
    private final int selfId;
    private final Supplier<List<Integer>> otherMembers;
    private final IntPredicate isUp;
    private final IntFunction<ManagedChannel> channels;
    private final long timeoutMs;

    public ClusterFlush(StorageEngine engine, LongSupplier newVersion, int selfId, Supplier<List<Integer>> otherMembers,
                        IntPredicate isUp, IntFunction<ManagedChannel> channels, long timeoutMs) {
        this.engine = engine;
        this.newVersion = newVersion;
        this.selfId = selfId;
        this.otherMembers = otherMembers;
        this.isUp = isUp;
        this.channels = channels;
        this.timeoutMs = timeoutMs;
    }

    /** Truncates here and on every member that is up; completes when all of those have it durably. */
    public CompletableFuture<Void> flushAll() {
        long version = newVersion.getAsLong();
        try {
            engine.truncate(version, selfId);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (int peer : otherMembers.get()) {
            if (isUp.test(peer)) {
                sent.add(send(peer, version, selfId));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** A peer came up: it may have been down for the last FLUSHALL. */
    public void peerCameUp(int peer) {
        Cell truncated = engine.truncatedAt();
        if (truncated != null) {
            send(peer, truncated.hlc(), truncated.nodeId()).whenComplete((applied, failure) -> {
                if (failure != null) {
                    log.warn("could not send the truncation to node {} (it gets it again when it next comes up): {}", peer,
                            failure.getMessage());
                } else if (applied) {
                    log.info("node {} missed a FLUSHALL and applied it now", peer);
                }
            });
        }
    }

    private CompletableFuture<Boolean> send(int peer, long hlc, int nodeId) {
        TruncateRequest request = TruncateRequest.newBuilder().setHlc(hlc).setNodeId(nodeId).build();
        // Outside any caller's gRPC context: a peer comes up while this node answers its gossip,
        // and that call's context is cancelled as soon as the answer is sent.
        io.grpc.Context previous = io.grpc.Context.ROOT.attach();
        try {
            return GrpcFutures.map(InternodeGrpc.newFutureStub(channels.apply(peer))
                    .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).truncate(request), response -> response.getApplied());
        } finally {
            io.grpc.Context.ROOT.detach(previous);
        }
    }
}
