package io.ringkv.coordinator.repair;

import io.grpc.ManagedChannel;
import io.ringkv.coordinator.grpc.CellMessages;
import io.ringkv.coordinator.grpc.GrpcFutures;
import io.ringkv.coordinator.keyspace.KeyPage;
import io.ringkv.coordinator.keyspace.KeyPages;
import io.ringkv.proto.internode.KeyPageRequest;
import io.ringkv.proto.internode.RepairGrpc;
import io.ringkv.proto.internode.TokenRangeRef;
import io.ringkv.storage.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Key pages of other nodes, over the Repair service's KeyPage call; this node's own from {@code local}. */
public final class RemoteKeyPages implements KeyPages {
    private final int selfId;
    private final KeyPages local;
    private final IntFunction<ManagedChannel> channels;
    private final long timeoutMs;

    public RemoteKeyPages(int selfId, KeyPages local, IntFunction<ManagedChannel> channels, long timeoutMs) {
        this.selfId = selfId;
        this.local = local;
        this.channels = channels;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CompletableFuture<KeyPage> page(int nodeId, long startExclusive, long endInclusive, int limit) {
        if (nodeId == selfId) {
            return local.page(nodeId, startExclusive, endInclusive, limit);
        }
        KeyPageRequest request = KeyPageRequest.newBuilder()
                .setRange(TokenRangeRef.newBuilder().setStart(startExclusive).setEnd(endInclusive)).setLimit(limit).build();
        return GrpcFutures.map(RepairGrpc.newFutureStub(channels.apply(nodeId))
                .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).keyPage(request), response -> {
                    List<Map.Entry<byte[], Cell>> entries = new ArrayList<>(response.getEntriesCount());
                    for (io.ringkv.proto.internode.Cell message : response.getEntriesList()) {
                        Cell cell = CellMessages.fromMessage(message);
                        entries.add(Map.entry(CellMessages.key(message), cell));
                    }
                    return new KeyPage(entries, response.getMore());
                });
    }
}
