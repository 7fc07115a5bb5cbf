package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A replica reached over the network as far as byte counting goes: the real local peer, reporting
 * itself as remote so the session counts what it would send.
 */
final class OverTheWire implements RepairPeer {
    private final LocalRepairPeer peer;
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

    OverTheWire(LocalRepairPeer peer) {
        this.peer = peer;
    }

    /** Counted as a simple encoding would: 8 bytes a hash or number, 4 an index or length, plus the bytes. */
    @Override
    public long bytesTransferred() {
        return bytes.get();
    }

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
        bytes.addAndGet(16 + 12);
        return peer.tree(range);
    }

    @Override
    public CompletableFuture<long[]> nodes(TokenRange range, int level, int[] indexes) {
        bytes.addAndGet(20 + 12L * indexes.length);
        return peer.nodes(range, level, indexes);
    }

    @Override
    public CompletableFuture<List<KeyVersion>> versions(TokenRange range, int depth, int[] leaves) {
        return peer.versions(range, depth, leaves).thenApply(list -> {
            bytes.addAndGet(20 + 4L * leaves.length + list.stream().mapToLong(v -> v.key().length + 4 + 13).sum());
            return list;
        });
    }

    @Override
    public CompletableFuture<List<StoredCell>> cells(List<byte[]> keys) {
        return peer.cells(keys).thenApply(list -> {
            bytes.addAndGet(keys.stream().mapToLong(k -> k.length + 4).sum()
                    + list.stream().mapToLong(c -> c.contentBytes() + 8).sum());
            return list;
        });
    }

    @Override
    public CompletableFuture<Void> apply(List<StoredCell> cells) {
        bytes.addAndGet(cells.stream().mapToLong(c -> c.contentBytes() + 8).sum());
        return peer.apply(cells);
    }
}
