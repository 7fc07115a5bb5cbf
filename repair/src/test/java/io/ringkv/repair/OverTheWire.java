package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A replica reached over the network as far as byte counting goes: the real local peer, reporting
 * itself as remote so the session counts what it would send.
 */
record OverTheWire(LocalRepairPeer peer) implements RepairPeer {
    @Override
    public int nodeId() {
        return peer.nodeId();
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public CompletableFuture<TreeInfo> tree(TokenRange range) {
        return peer.tree(range);
    }

    @Override
    public CompletableFuture<long[]> nodes(TokenRange range, int level, int[] indexes) {
        return peer.nodes(range, level, indexes);
    }

    @Override
    public CompletableFuture<List<KeyVersion>> versions(TokenRange range, int depth, int[] leaves) {
        return peer.versions(range, depth, leaves);
    }

    @Override
    public CompletableFuture<List<StoredCell>> cells(List<byte[]> keys) {
        return peer.cells(keys);
    }

    @Override
    public CompletableFuture<Void> apply(List<StoredCell> cells) {
        return peer.apply(cells);
    }
}
