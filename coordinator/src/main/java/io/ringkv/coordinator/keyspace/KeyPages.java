package io.ringkv.coordinator.keyspace;

import java.util.concurrent.CompletableFuture;

/** Where the scanner gets a replica's key pages: this node's store, or another node over gRPC. */
@FunctionalInterface
public interface KeyPages {
    /** {@link KeyPage#of} on node {@code nodeId}. */
    CompletableFuture<KeyPage> page(int nodeId, long startExclusive, long endInclusive, int limit);
}
