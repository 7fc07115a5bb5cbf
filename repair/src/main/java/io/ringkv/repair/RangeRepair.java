package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Repairs one token range across its replicas: compare the roots; where they differ, descend one
 * level at a time, asking each replica only for the left child of every differing node (the right
 * child is the parent XOR the left one); at the leaves, exchange the keys and versions of the
 * differing leaves, and stream each key's newest cell to the replicas that lack it. Tombstones
 * stream like any cell, so a delete is never undone by a repair.
 *
 * <p>Trees of different depths are compared at the smaller depth (see {@link MerkleTree}).
 */
public final class RangeRepair {
    /** Cells per fetch or push message. */
    static final int CELL_BATCH = 512;
    private static final int HASH_BYTES = 8;
    private static final int INDEX_BYTES = 4;

    private final TokenRange range;
    private final List<RepairPeer> replicas;
    private final long timeoutMs;
    private long bytesSent;

    public RangeRepair(TokenRange range, List<RepairPeer> replicas, long timeoutMs) {
        if (replicas.size() < 2) {
            throw new IllegalArgumentException("a repair needs at least two replicas, got " + replicas.size());
        }
        this.range = range;
        this.replicas = List.copyOf(replicas);
        this.timeoutMs = timeoutMs;
    }

    public RangeRepairResult run() {
        long started = System.nanoTime();
        List<TreeInfo> trees = all(replicas.stream().map(p -> p.tree(range)).toList());
        for (int r = 0; r < replicas.size(); r++) {
            countCall(r, INDEX_BYTES, HASH_BYTES + INDEX_BYTES);
        }
        int depth = trees.stream().mapToInt(TreeInfo::depth).min().orElseThrow();
        long[] roots = trees.stream().mapToLong(TreeInfo::root).toArray();
        long keysCompared = 0;
        Transfers transfers = new Transfers();
        if (!allEqual(roots)) {
            int[] leaves = differingLeaves(roots, depth);
            keysCompared = planTransfers(leaves, depth, transfers);
        }
        long cellBytes = transfers.execute();
        return new RangeRepairResult(range, replicas.stream().map(RepairPeer::nodeId).toList(), keysCompared,
                transfers.keysRepaired(), transfers.cellsStreamed, cellBytes, bytesSent,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Descends from the root to the leaves (at {@code depth}) where not every replica agrees. */
    private int[] differingLeaves(long[] roots, int depth) {
        int[] differing = {0};
        long[][] hashes = new long[replicas.size()][];
        for (int r = 0; r < replicas.size(); r++) {
            hashes[r] = new long[] {roots[r]};
        }
        for (int level = 0; level < depth && differing.length > 0; level++) {
            int[] leftChildren = Arrays.stream(differing).map(i -> 2 * i).toArray();
            int childLevel = level + 1;
            List<long[]> lefts = all(replicas.stream().map(p -> p.nodes(range, childLevel, leftChildren)).toList());
            for (int r = 0; r < replicas.size(); r++) {
                countCall(r, leftChildren.length * INDEX_BYTES, leftChildren.length * HASH_BYTES);
            }
            int[] next = new int[differing.length * 2];
            long[][] nextHashes = new long[replicas.size()][differing.length * 2];
            int count = 0;
            for (int i = 0; i < differing.length; i++) {
                for (int side = 0; side < 2; side++) {
                    long[] child = new long[replicas.size()];
                    for (int r = 0; r < replicas.size(); r++) {
                        long left = lefts.get(r)[i];
                        child[r] = side == 0 ? left : hashes[r][i] ^ left;
                    }
                    if (!allEqual(child)) {
                        for (int r = 0; r < replicas.size(); r++) {
                            nextHashes[r][count] = child[r];
                        }
                        next[count++] = 2 * differing[i] + side;
                    }
                }
            }
            differing = Arrays.copyOf(next, count);
            for (int r = 0; r < replicas.size(); r++) {
                hashes[r] = Arrays.copyOf(nextHashes[r], count);
            }
        }
        return differing;
    }

    /** Collects every replica's versions of the differing leaves; returns how many distinct keys were compared. */
    private long planTransfers(int[] leaves, int depth, Transfers transfers) {
        if (leaves.length == 0) {
            return 0;
        }
        List<List<KeyVersion>> versions = all(replicas.stream().map(p -> p.versions(range, depth, leaves)).toList());
        Map<Key, KeyVersion[]> byKey = new LinkedHashMap<>();
        for (int r = 0; r < replicas.size(); r++) {
            long listBytes = 0;
            for (KeyVersion version : versions.get(r)) {
                byKey.computeIfAbsent(new Key(version.key()), k -> new KeyVersion[replicas.size()])[r] = version;
                listBytes += version.wireBytes();
            }
            countCall(r, leaves.length * INDEX_BYTES, listBytes);
        }
        for (Map.Entry<Key, KeyVersion[]> entry : byKey.entrySet()) {
            transfers.plan(entry.getKey().bytes(), entry.getValue());
        }
        return byKey.size();
    }

    private void countCall(int replica, long requestBytes, long responseBytes) {
        if (!replicas.get(replica).isLocal()) {
            bytesSent += requestBytes + responseBytes;
        }
    }

    private <T> List<T> all(List<CompletableFuture<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        for (CompletableFuture<T> future : futures) {
            results.add(future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).join());
        }
        return results;
    }

    private static boolean allEqual(long[] values) {
        for (long value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** Which replica sends which keys to which: each key's newest holder to every replica behind it. */
    private final class Transfers {
        /** source replica -> (target replica -> keys) */
        private final Map<Integer, Map<Integer, List<byte[]>>> plan = new HashMap<>();
        private long keysRepaired;
        private long cellsStreamed;

        void plan(byte[] key, KeyVersion[] held) {
            int newest = -1;
            for (int r = 0; r < held.length; r++) {
                if (held[r] != null && (newest < 0 || held[r].compareVersion(held[newest]) > 0)) {
                    newest = r;
                }
            }
            // Prefer a local source: its cells cost nothing to fetch.
            for (int r = 0; r < held.length; r++) {
                if (replicas.get(r).isLocal() && held[r] != null && held[r].compareVersion(held[newest]) == 0) {
                    newest = r;
                }
            }
            boolean repaired = false;
            for (int r = 0; r < held.length; r++) {
                if (held[r] == null || held[r].compareVersion(held[newest]) < 0) {
                    plan.computeIfAbsent(newest, s -> new HashMap<>()).computeIfAbsent(r, t -> new ArrayList<>()).add(key);
                    repaired = true;
                }
            }
            if (repaired) {
                keysRepaired++;
            }
        }

        long keysRepaired() {
            return keysRepaired;
        }

        /** Fetches each source's cells once and pushes them to their targets; returns cell bytes streamed. */
        long execute() {
            long cellBytes = 0;
            for (Map.Entry<Integer, Map<Integer, List<byte[]>>> bySource : plan.entrySet()) {
                Map<Key, StoredCell> fetched = fetch(bySource.getKey(), bySource.getValue());
                for (Map.Entry<Integer, List<byte[]>> byTarget : bySource.getValue().entrySet()) {
                    RepairPeer target = replicas.get(byTarget.getKey());
                    List<StoredCell> cells = new ArrayList<>();
                    for (byte[] key : byTarget.getValue()) {
                        StoredCell cell = fetched.get(new Key(key));
                        if (cell != null) {
                            cells.add(cell);
                        }
                    }
                    for (int from = 0; from < cells.size(); from += CELL_BATCH) {
                        List<StoredCell> batch = cells.subList(from, Math.min(cells.size(), from + CELL_BATCH));
                        long bytes = batch.stream().mapToLong(StoredCell::wireBytes).sum();
                        target.apply(batch).orTimeout(timeoutMs, TimeUnit.MILLISECONDS).join();
                        cellsStreamed += batch.size();
                        cellBytes += bytes;
                        if (!target.isLocal()) {
                            bytesSent += bytes;
                        }
                    }
                }
            }
            return cellBytes;
        }

        private Map<Key, StoredCell> fetch(int sourceIndex, Map<Integer, List<byte[]>> byTarget) {
            RepairPeer source = replicas.get(sourceIndex);
            Map<Key, byte[]> keys = new LinkedHashMap<>();
            byTarget.values().forEach(list -> list.forEach(k -> keys.putIfAbsent(new Key(k), k)));
            List<byte[]> all = new ArrayList<>(keys.values());
            Map<Key, StoredCell> fetched = new HashMap<>();
            for (int from = 0; from < all.size(); from += CELL_BATCH) {
                List<byte[]> batch = all.subList(from, Math.min(all.size(), from + CELL_BATCH));
                List<StoredCell> cells = source.cells(batch).orTimeout(timeoutMs, TimeUnit.MILLISECONDS).join();
                if (!source.isLocal()) {
                    bytesSent += batch.stream().mapToLong(k -> k.length + 4).sum()
                            + cells.stream().mapToLong(StoredCell::wireBytes).sum();
                }
                cells.forEach(cell -> fetched.put(new Key(cell.key()), cell));
            }
            return fetched;
        }
    }

    /** Byte-array key with value equality, for maps. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
