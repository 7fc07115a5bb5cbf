package io.ringkv.repair;

import io.ringkv.sharding.Murmur3Partitioner;
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
 * <p>Replicas that agree on a subtree are represented in it by one of them (the local replica when it
 * is among them), so a replica that agrees with the local one costs only its root. Trees of
 * different depths are compared at the smaller depth (see {@link MerkleTree}).
 */
public final class RangeRepair {
    /** Cells per fetch or push message. */
    static final int CELL_BATCH = 512;

    private final TokenRange range;
    private final List<RepairPeer> replicas;
    private final long timeoutMs;

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
        long[] bytesBefore = replicas.stream().mapToLong(RepairPeer::bytesTransferred).toArray();
        List<TreeInfo> trees = all(callRemoteFirst(p -> p.tree(range)));
        int depth = trees.stream().mapToInt(TreeInfo::depth).min().orElseThrow();
        long[] roots = trees.stream().mapToLong(TreeInfo::root).toArray();
        Level root = new Level(new int[] {0}, new int[][] {groupsOf(roots, allReplicas())}, new long[][] {roots});
        Transfers transfers = new Transfers();
        long keysCompared = 0;
        if (!root.isEmpty()) {
            Level leaves = root;
            for (int level = 0; level < depth && !leaves.isEmpty(); level++) {
                leaves = descend(leaves, level + 1);
            }
            keysCompared = planTransfers(leaves, depth, transfers);
        }
        long cellBytes = transfers.execute();
        long bytesSent = 0;
        for (int r = 0; r < replicas.size(); r++) {
            bytesSent += replicas.get(r).bytesTransferred() - bytesBefore[r];
        }
        return new RangeRepairResult(range, replicas.stream().map(RepairPeer::nodeId).toList(), keysCompared,
                transfers.keysRepaired(), transfers.cellsStreamed, cellBytes, bytesSent,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * The differing nodes of one tree level. For node {@code i}, {@code groups[i][r]} is the replica
     * that speaks for replica {@code r} there: replicas whose hashes are equal at a node hold the same
     * entries below it, so only one of them (the local one if it can) is asked about the subtree.
     * {@code hashes[i][r]} is known for those representatives only.
     */
    private record Level(int[] nodes, int[][] groups, long[][] hashes) {
        Level {
            // Keep only nodes where the replicas do not all agree.
            int kept = 0;
            int[] keptNodes = new int[nodes.length];
            int[][] keptGroups = new int[nodes.length][];
            long[][] keptHashes = new long[nodes.length][];
            for (int i = 0; i < nodes.length; i++) {
                if (Arrays.stream(groups[i]).distinct().count() > 1) {
                    keptNodes[kept] = nodes[i];
                    keptGroups[kept] = groups[i];
                    keptHashes[kept++] = hashes[i];
                }
            }
            nodes = Arrays.copyOf(keptNodes, kept);
            groups = Arrays.copyOf(keptGroups, kept);
            hashes = Arrays.copyOf(keptHashes, kept);
        }

        boolean isEmpty() {
            return nodes.length == 0;
        }
    }

    private int[] allReplicas() {
        int[] all = new int[replicas.size()];
        Arrays.setAll(all, r -> r);
        return all;
    }

    /** For each replica, the representative with the same hash: the local replica if it is among them, else the first. */
    private int[] groupsOf(long[] hashes, int[] previousGroups) {
        int[] groups = new int[replicas.size()];
        for (int r = 0; r < replicas.size(); r++) {
            int self = previousGroups[r];
            int rep = self;
            for (int other = 0; other < replicas.size(); other++) {
                int otherRep = previousGroups[other];
                if (otherRep == other && hashes[other] == hashes[self]
                        && (replicas.get(other).isLocal() || other < rep && !replicas.get(rep).isLocal())) {
                    rep = other;
                }
            }
            groups[r] = rep;
        }
        return groups;
    }

    /** Asks each representative for the left children of its differing nodes; the right child is parent XOR left. */
    private Level descend(Level parents, int childLevel) {
        List<CompletableFuture<long[]>> asked = new ArrayList<>();
        List<int[]> askedNodes = new ArrayList<>();
        for (int r = 0; r < replicas.size(); r++) {
            int replica = r;
            int[] mine = java.util.stream.IntStream.range(0, parents.nodes().length)
                    .filter(i -> parents.groups()[i][replica] == replica).toArray();
            askedNodes.add(mine);
            int[] leftChildren = Arrays.stream(mine).map(i -> 2 * parents.nodes()[i]).toArray();
            asked.add(mine.length == 0 ? CompletableFuture.completedFuture(new long[0])
                    : replicas.get(r).nodes(range, childLevel, leftChildren));
        }
        List<long[]> lefts = all(asked);
        int n = parents.nodes().length;
        long[][] left = new long[n][replicas.size()];
        for (int r = 0; r < replicas.size(); r++) {
            int[] mine = askedNodes.get(r);
            for (int k = 0; k < mine.length; k++) {
                left[mine[k]][r] = lefts.get(r)[k];
            }
        }
        int[] nodes = new int[2 * n];
        int[][] groups = new int[2 * n][];
        long[][] hashes = new long[2 * n][];
        for (int i = 0; i < n; i++) {
            long[] leftHashes = new long[replicas.size()];
            long[] rightHashes = new long[replicas.size()];
            for (int r = 0; r < replicas.size(); r++) {
                if (parents.groups()[i][r] == r) {
                    leftHashes[r] = left[i][r];
                    rightHashes[r] = parents.hashes()[i][r] ^ left[i][r];
                }
            }
            nodes[2 * i] = 2 * parents.nodes()[i];
            nodes[2 * i + 1] = 2 * parents.nodes()[i] + 1;
            hashes[2 * i] = leftHashes;
            hashes[2 * i + 1] = rightHashes;
            groups[2 * i] = groupsOf(leftHashes, parents.groups()[i]);
            groups[2 * i + 1] = groupsOf(rightHashes, parents.groups()[i]);
        }
        return new Level(nodes, groups, hashes);
    }

    /**
     * Asks each representative for the versions in its differing leaves, gives every replica the
     * versions of its representative, and plans the transfers; returns how many distinct keys were compared.
     */
    private long planTransfers(Level leaves, int depth, Transfers transfers) {
        List<List<KeyVersion>> versions = all(callRemoteFirst(peer -> {
            int replica = replicas.indexOf(peer);
            int[] mine = java.util.stream.IntStream.range(0, leaves.nodes().length)
                    .filter(i -> leaves.groups()[i][replica] == replica).map(i -> leaves.nodes()[i]).toArray();
            return mine.length == 0 ? CompletableFuture.completedFuture(List.<KeyVersion>of())
                    : peer.versions(range, depth, mine);
        }));
        Map<Integer, int[]> groupsByLeaf = new HashMap<>();
        for (int i = 0; i < leaves.nodes().length; i++) {
            groupsByLeaf.put(leaves.nodes()[i], leaves.groups()[i]);
        }
        // key -> version held by each representative
        Map<Key, KeyVersion[]> byKey = new LinkedHashMap<>();
        Map<Key, Integer> leafOfKey = new HashMap<>();
        for (int r = 0; r < replicas.size(); r++) {
            for (KeyVersion version : versions.get(r)) {
                Key key = new Key(version.key());
                byKey.computeIfAbsent(key, k -> new KeyVersion[replicas.size()])[r] = version;
                leafOfKey.computeIfAbsent(key, k -> MerkleTree.leafOf(range, Murmur3Partitioner.token(k.bytes()), depth));
            }
        }
        for (Map.Entry<Key, KeyVersion[]> entry : byKey.entrySet()) {
            int[] groups = groupsByLeaf.get(leafOfKey.get(entry.getKey()));
            KeyVersion[] byRep = entry.getValue();
            KeyVersion[] held = new KeyVersion[replicas.size()];
            for (int r = 0; r < replicas.size(); r++) {
                held[r] = byRep[groups[r]];
            }
            transfers.plan(entry.getKey().bytes(), held);
        }
        return byKey.size();
    }

    /**
     * Starts the call on every replica, remote ones first: the local call runs on this thread, and
     * the remote replicas should not wait for it (building trees takes a while the first time).
     */
    private <T> List<CompletableFuture<T>> callRemoteFirst(java.util.function.Function<RepairPeer, CompletableFuture<T>> call) {
        List<CompletableFuture<T>> futures = new ArrayList<>(java.util.Collections.nCopies(replicas.size(), null));
        for (boolean local : new boolean[] {false, true}) {
            for (int r = 0; r < replicas.size(); r++) {
                if (replicas.get(r).isLocal() == local) {
                    futures.set(r, call.apply(replicas.get(r)));
                }
            }
        }
        return futures;
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
            if (anyTyped(held)) {
                planMerge(key, held);
                return;
            }
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

        private static boolean anyTyped(KeyVersion[] held) {
            for (KeyVersion version : held) {
                if (version != null && version.typed()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A typed value has no single newest holder: states merge. Every holder sends its state to
         * every replica whose digest differs, so each ends with the join of all of them.
         */
        private void planMerge(byte[] key, KeyVersion[] held) {
            boolean repaired = false;
            for (int source = 0; source < held.length; source++) {
                if (held[source] == null) {
                    continue;
                }
                for (int target = 0; target < held.length; target++) {
                    if (target != source && (held[target] == null || held[target].digest() != held[source].digest())) {
                        plan.computeIfAbsent(source, s -> new HashMap<>()).computeIfAbsent(target, t -> new ArrayList<>()).add(key);
                        repaired = true;
                    }
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
                        target.apply(batch).orTimeout(timeoutMs, TimeUnit.MILLISECONDS).join();
                        cellsStreamed += batch.size();
                        cellBytes += batch.stream().mapToLong(StoredCell::contentBytes).sum();
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
