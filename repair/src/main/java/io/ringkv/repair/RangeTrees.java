package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import io.ringkv.storage.CellChangeListener;
import io.ringkv.storage.StorageEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * A node's Merkle trees, one per token range of the ring, kept current as the store changes.
 *
 * <p>The trees depend on the ring (range boundaries) while the store does not, so they are built
 * from one consistent scan of the store when first asked for a ring's ranges, and from then on
 * follow every change through the store's listener: a repair never rescans. A tree's depth is
 * chosen at build time from the number of keys in its range (about one key per leaf, capped at
 * {@code maxDepth}), so diffs are precise without empty ranges costing memory.
 */
public final class RangeTrees implements CellChangeListener {
    private final StorageEngine engine;
    private final int maxDepth;
    private volatile Forest forest;

    public RangeTrees(StorageEngine engine, int maxDepth) {
        this.engine = engine;
        this.maxDepth = maxDepth;
    }

    /** The tree of {@code range}, building every tree for {@code ringRanges} first if the ring changed. */
    public MerkleTree tree(TokenRange range, List<TokenRange> ringRanges) {
        Forest current = forest;
        if (current == null || !current.hasRanges(ringRanges) || current.outgrown(maxDepth)) {
            current = rebuild(ringRanges);
        }
        MerkleTree tree = current.trees.get(range.end());
        if (tree == null || !tree.range().equals(range)) {
            throw new IllegalArgumentException(range + " is not a range of the ring");
        }
        return tree;
    }

    /** Builds fresh trees for {@code ringRanges} from one consistent scan and starts following changes. */
    public synchronized Forest rebuild(List<TokenRange> ringRanges) {
        Forest current = forest;
        if (current != null && current.hasRanges(ringRanges) && !current.outgrown(maxDepth)) {
            return current;
        }
        return Forest.build(engine, ringRanges, maxDepth, this);
    }

    /** Replaces the trees by ones built from the data (the slow-schedule check against drift and corruption). */
    public synchronized Forest rebuildNow(List<TokenRange> ringRanges) {
        return Forest.build(engine, ringRanges, maxDepth, this);
    }

    /**
     * Trees built from scratch by a scan with the current trees' depths, not following changes:
     * to verify the maintained ones.
     */
    public Forest scanFresh() {
        Forest current = forest;
        if (current == null) {
            throw new IllegalStateException("no trees built yet");
        }
        return Forest.build(engine, current.ranges, range -> current.tree(range).depth(), null);
    }

    public Optional<Forest> current() {
        return Optional.ofNullable(forest);
    }

    @Override
    public void changed(long token, byte[] key, Cell before, Cell after) {
        Forest current = forest;
        if (current != null) {
            current.changed(token, key, before, after);
        }
    }

    /** Trees for one set of ranges, found by the range's end token. */
    public static final class Forest {
        private final TreeMap<Long, MerkleTree> trees = new TreeMap<>();
        private final List<TokenRange> ranges;

        private Forest(List<TokenRange> ranges) {
            List<TokenRange> sorted = new ArrayList<>(ranges);
            sorted.sort(Comparator.comparingLong(TokenRange::end));
            this.ranges = List.copyOf(sorted);
        }

        /**
         * Counts keys per range, sizes each tree, then fills the trees, all while the store holds its
         * writes; {@code follower} starts receiving changes inside the same pause, so none is missed.
         */
        static Forest build(StorageEngine engine, List<TokenRange> ranges, int maxDepth, RangeTrees follower) {
            long[] ends = ranges.stream().mapToLong(TokenRange::end).sorted().toArray();
            int[] counts = new int[ends.length];
            engine.scanExclusive((token, key, cell) -> counts[indexOf(ends, token)]++, () -> { });
            return build(engine, ranges, range -> depthFor(counts[indexOf(ends, range.end())], maxDepth), follower);
        }

        static Forest build(StorageEngine engine, List<TokenRange> ranges, ToIntFunction<TokenRange> depths,
                RangeTrees follower) {
            Forest forest = new Forest(ranges);
            // The count pass and the fill pass may see different cells (writes run between them);
            // that only changes a depth. The fill pass hands the trees to the follower before writes
            // resume, so every later change lands in them and none is counted twice.
            for (TokenRange range : forest.ranges) {
                forest.trees.put(range.end(), new MerkleTree(range, depths.applyAsInt(range)));
            }
            engine.scanExclusive((token, key, cell) -> {
                MerkleTree tree = forest.treeOf(token);
                tree.add(token, CellHash.of(key, cell));
                tree.keys().add(key);
            }, () -> {
                if (follower != null) {
                    follower.forest = forest;
                    engine.listen(follower);
                }
            });
            return forest;
        }

        private static int indexOf(long[] sortedEnds, long token) {
            int i = Arrays.binarySearch(sortedEnds, token);
            if (i >= 0) {
                return i;
            }
            int insertion = -i - 1;
            // Past the last end, the token belongs to the range that wraps (ending at the first token).
            return insertion == sortedEnds.length ? 0 : insertion;
        }

        static int depthFor(long keys, int maxDepth) {
            int depth = 64 - Long.numberOfLeadingZeros(Math.max(1, keys - 1));
            return Math.max(1, Math.min(maxDepth, depth));
        }

        /** True when some tree holds over four entries per leaf and could be deeper. */
        boolean outgrown(int maxDepth) {
            for (MerkleTree tree : trees.values()) {
                if (tree.depth() < maxDepth && tree.entries() > 4L << tree.depth()) {
                    return true;
                }
            }
            return false;
        }

        boolean hasRanges(List<TokenRange> other) {
            if (other.size() != ranges.size()) {
                return false;
            }
            for (TokenRange range : other) {
                MerkleTree tree = trees.get(range.end());
                if (tree == null || !tree.range().equals(range)) {
                    return false;
                }
            }
            return true;
        }

        public List<TokenRange> ranges() {
            return ranges;
        }

        public MerkleTree treeOf(long token) {
            Map.Entry<Long, MerkleTree> entry = trees.ceilingEntry(token);
            return entry != null ? entry.getValue() : trees.firstEntry().getValue();
        }

        public MerkleTree tree(TokenRange range) {
            return trees.get(range.end());
        }

        void changed(long token, byte[] key, Cell before, Cell after) {
            MerkleTree tree = treeOf(token);
            if (before != null) {
                tree.remove(token, CellHash.of(key, before));
            }
            if (after != null) {
                tree.add(token, CellHash.of(key, after));
                if (before == null) {
                    tree.keys().add(key);
                }
            }
        }

        /** True when every tree has the same leaves as in {@code other}. */
        public boolean sameAs(Forest other) {
            if (!other.hasRanges(ranges)) {
                return false;
            }
            for (MerkleTree tree : trees.values()) {
                if (!tree.sameLeavesAs(other.tree(tree.range()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
