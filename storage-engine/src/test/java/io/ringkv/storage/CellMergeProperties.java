package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Last-write-wins merge is a semilattice join, so replicas converge whatever the order. */
class CellMergeProperties {

    @Property(tries = 300)
    void mergeIsCommutative(@ForAll("cells") Cell a, @ForAll("cells") Cell b) {
        assertThat(Cell.newer(a, b)).isEqualTo(Cell.newer(b, a));
    }

    @Property(tries = 300)
    void mergeIsAssociative(@ForAll("cells") Cell a, @ForAll("cells") Cell b, @ForAll("cells") Cell c) {
        assertThat(Cell.newer(Cell.newer(a, b), c)).isEqualTo(Cell.newer(a, Cell.newer(b, c)));
    }

    @Property(tries = 100)
    void mergeIsIdempotent(@ForAll("cells") Cell a) {
        assertThat(Cell.newer(a, a)).isEqualTo(a);
    }

    @Property(tries = 100)
    void tombstoneWinsAnExactVersionTie(@ForAll("cells") Cell a) {
        Cell tombstone = Cell.tombstone(a.hlc(), a.nodeId());
        assertThat(Cell.newer(a, tombstone).isTombstone()).isTrue();
        assertThat(Cell.newer(tombstone, a).isTombstone()).isTrue();
    }

    @Provide
    Arbitrary<Cell> cells() {
        // Few distinct versions, so ties and near-ties are common. A version identifies one write
        // (a coordinator never reuses one), so the value is a function of the version; only a
        // delete of the same version (replay, restore) can share it.
        Arbitrary<Long> hlc = Arbitraries.longs().between(1, 5);
        Arbitrary<Integer> node = Arbitraries.integers().between(1, 3);
        Arbitrary<Boolean> tombstone = Arbitraries.of(true, false);
        return Combinators.combine(hlc, node, tombstone).as((h, n, t) ->
                t ? Cell.tombstone(h, n) : Cell.live(h, n, new byte[] {(byte) (h * 7 + n)}, Cell.NO_EXPIRY));
    }
}
