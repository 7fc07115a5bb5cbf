package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import io.ringkv.storage.StorageEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A replica's side of repair over its own store and trees: what the internode service answers to
 * remote sessions, and what a session uses for the node it runs on.
 */
public final class LocalRepairPeer implements RepairPeer {
    private final int nodeId;
    private final StorageEngine engine;
    private final RangeTrees trees;
    private final Supplier<List<TokenRange>> ringRanges;

    public LocalRepairPeer(int nodeId, StorageEngine engine, RangeTrees trees, Supplier<List<TokenRange>> ringRanges) {
        this.nodeId = nodeId;
        this.engine = engine;
        this.trees = trees;
        this.ringRanges = ringRanges;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public long bytesTransferred() {
        return 0;
    }

    private MerkleTree treeOf(TokenRange range) {
        return trees.tree(range, ringRanges.get());
    }

    @Override
    public CompletableFuture<TreeInfo> tree(TokenRange range) {
        return CompletableFuture.supplyAsync(() -> {
            MerkleTree tree = treeOf(range);
            return new TreeInfo(tree.depth(), tree.root());
        }, Runnable::run);
    }

    @Override
    public CompletableFuture<long[]> nodes(TokenRange range, int level, int[] indexes) {
        return CompletableFuture.supplyAsync(() -> {
            MerkleTree tree = treeOf(range);
            long[] hashes = new long[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                hashes[i] = tree.node(level, indexes[i]);
            }
            return hashes;
        }, Runnable::run);
    }

    @Override
    public CompletableFuture<List<KeyVersion>> versions(TokenRange range, int depth, int[] leaves) {
        return CompletableFuture.supplyAsync(() -> {
            int[] sorted = leaves.clone();
            Arrays.sort(sorted);
            List<KeyVersion> out = new ArrayList<>();
            // The tree keeps its range's keys, so listing a few leaves does not scan the whole store.
            for (byte[] key : treeOf(range).keys().snapshot()) {
                Cell cell = engine.read(key);
                if (cell != null && Arrays.binarySearch(sorted, MerkleTree.leafOf(range, engine.tokenOf(key), depth)) >= 0) {
                    out.add(KeyVersion.of(key, cell));
                }
            }
            return out;
        }, Runnable::run);
    }

    @Override
    public CompletableFuture<List<StoredCell>> cells(List<byte[]> keys) {
        List<StoredCell> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Cell cell = engine.read(key);
            if (cell != null) {
                out.add(new StoredCell(key, cell));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> apply(List<StoredCell> cells) {
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(cells.size());
        for (StoredCell cell : cells) {
            writes.add(engine.write(cell.key(), cell.cell()));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }
}
