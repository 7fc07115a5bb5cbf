package io.ringkv.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.sharding.TokenRange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeProperties {
    @Property(tries = 2000)
    void aDeeperLeafShiftedIsTheShallowerLeaf(@ForAll long start, @ForAll long end, @ForAll long token,
            @ForAll @IntRange(min = 0, max = 20) int shallow, @ForAll @IntRange(min = 0, max = 20) int extra) {
        TokenRange range = new TokenRange(start, end);
        if (!range.contains(token)) {
            token = end;
        }
        int deep = Math.min(24, shallow + extra);
        int deepLeaf = MerkleTree.leafOf(range, token, deep);
        assertThat(deepLeaf).isBetween(0, (1 << deep) - 1);
        assertThat(deepLeaf >> (deep - shallow)).isEqualTo(MerkleTree.leafOf(range, token, shallow));
    }

    @Property(tries = 500)
    void aNodeIsTheXorOfItsChildren(@ForAll long start, @ForAll long end, @ForAll("tokens") long[] tokens,
            @ForAll @IntRange(min = 1, max = 10) int depth) {
        TokenRange range = new TokenRange(start, end);
        MerkleTree tree = new MerkleTree(range, depth);
        for (long token : tokens) {
            if (range.contains(token)) {
                tree.add(token, token * 0x9E3779B97F4A7C15L);
            }
        }
        for (int level = 0; level < depth; level++) {
            for (int index = 0; index < 1 << level; index++) {
                assertThat(tree.node(level, index))
                        .isEqualTo(tree.node(level + 1, 2 * index) ^ tree.node(level + 1, 2 * index + 1));
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<long[]> tokens() {
        return net.jqwik.api.Arbitraries.longs().array(long[].class).ofMaxSize(200);
    }
}
