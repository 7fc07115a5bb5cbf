package io.ringkv.coordinator.cluster;

import io.ringkv.sharding.Ring;
import io.ringkv.sharding.TokenAllocator;
import java.util.List;

/**
 * The tokens of node {@code id} in a cluster whose nodes took ids 1, 2, … in join order: each is
 * the balanced allocation against the ring of the nodes before it. Every node computes the same
 * answer without talking to anyone, so nodes started together cannot pick clashing tokens.
 * (A node joining an existing cluster with streaming is a later step.)
 */
public final class ClusterTokens {
    private ClusterTokens() {
    }

    public static List<Long> forNode(int nodeId, int numTokens, long clusterSeed) {
        Ring ring = Ring.empty(1);
        List<Long> tokens = List.of();
        for (int id = 1; id <= nodeId; id++) {
            tokens = TokenAllocator.allocate(ring, id, numTokens, clusterSeed + id);
            ring = ring.withNode(id, tokens);
        }
        return tokens;
    }
}
