package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The Merkle tree of one token range: {@code 2^depth} leaves, each covering an equal token
 * sub-range, each holding the XOR of the hashes of the entries whose tokens fall in it. Only the
 * leaves are stored and updated (one atomic XOR per change); an inner node is the XOR of the
 * leaves below it and is computed when asked, which costs at most {@code 2^depth} per level.
 *
 * <p>Node {@code (level, index)} covers leaves {@code [index << (depth - level), (index + 1) <<
 * (depth - level))}. A token's leaf at depth {@code d} is the first {@code d} bits of its position
 * in the range, so the node of a deeper tree at level {@code d} covers exactly the same tokens as
 * the leaf of a depth-{@code d} tree: trees of different depths compare at the smaller depth.
 */
public final class MerkleTree {
    private final TokenRange range;
    private final int depth;
    private final AtomicLongArray leaves;
    private final java.util.concurrent.atomic.LongAdder entries = new java.util.concurrent.atomic.LongAdder();
    private final KeyList keys = new KeyList();

    public MerkleTree(TokenRange range, int depth) {
        if (depth < 0 || depth > 24) {
            throw new IllegalArgumentException("depth must be in 0..24, got " + depth);
        }
        this.range = range;
        this.depth = depth;
        this.leaves = new AtomicLongArray(1 << depth);
    }

    /**
     * The keys stored in this range: the ones the build found, then every key added since. Lets
     * a repair list a leaf's keys without scanning the whole store. May hold keys since purged,
     * or a key twice after a purge and a new write; readers look the cells up and tolerate both.
     */
    public KeyList keys() {
        return keys;
    }

    public TokenRange range() {
        return range;
    }

    public int depth() {
        return depth;
    }

    /** Entries currently in the tree (additions minus removals). */
    public long entries() {
        return entries.sum();
    }

    /** XORs an entry hash in (an addition) or out (a removal: the same hash again). */
    public void add(long token, long entryHash) {
        leaves.accumulateAndGet(leafOf(token, depth), entryHash, (a, b) -> a ^ b);
        entries.increment();
    }

    public void remove(long token, long entryHash) {
        leaves.accumulateAndGet(leafOf(token, depth), entryHash, (a, b) -> a ^ b);
        entries.decrement();
    }

    public long root() {
        return node(0, 0);
    }

    /** The hash of node {@code index} at {@code level} (0 is the root, {@code depth} the leaves). */
    public long node(int level, int index) {
        if (level < 0 || level > depth || index < 0 || index >= 1 << level) {
            throw new IllegalArgumentException("no node " + index + " at level " + level + " of a depth-" + depth + " tree");
        }
        int shift = depth - level;
        int from = index << shift;
        int to = (index + 1) << shift;
        long hash = 0;
        for (int leaf = from; leaf < to; leaf++) {
            hash ^= leaves.get(leaf);
        }
        return hash;
    }

    /** The leaf of {@code token} in a tree of {@code depth} over this range. */
    public int leafOf(long token) {
        return leafOf(token, depth);
    }

    public int leafOf(long token, int atDepth) {
        return leafOf(range, token, atDepth);
    }

    /**
     * The position of {@code token} in {@code range} as a fraction in [0, 1), times {@code 2^depth}.
     * Multiplying a double by a power of two is exact, so the leaf at depth d is the leaf at depth
     * D shifted right by D - d, on every node alike.
     */
    static int leafOf(TokenRange range, long token, int depth) {
        if (!range.contains(token)) {
            throw new IllegalArgumentException("token " + token + " is not in " + range);
        }
        long offset = token - range.start() - 1;
        double fraction = unsigned(offset) / range.width();
        long leaf = (long) Math.floor(Math.scalb(fraction, depth));
        return (int) Math.min(leaf, (1L << depth) - 1);
    }

    private static double unsigned(long value) {
        double d = (double) (value >>> 1) * 2.0 + (value & 1);
        return d;
    }

    /** A tree of {@code depth} rebuilt from nothing, for tests and verification. */
    public boolean sameLeavesAs(MerkleTree other) {
        if (depth != other.depth || !range.equals(other.range)) {
            return false;
        }
        for (int i = 0; i < leaves.length(); i++) {
            if (leaves.get(i) != other.leaves.get(i)) {
                return false;
            }
        }
        return true;
    }
}
