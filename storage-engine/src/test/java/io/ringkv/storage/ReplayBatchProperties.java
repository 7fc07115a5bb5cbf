package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Replaying cells through a {@link ReplayBatch} (reordered by segment, segments sized up front)
 * leaves the store exactly as applying them one by one in file order does.
 */
class ReplayBatchProperties {

    record Write(int key, Cell cell) {
    }

    @Property(tries = 300)
    void batchedReplayEqualsReplayInFileOrder(@ForAll("writeLists") List<Write> writes,
                                              @ForAll @IntRange(min = 1, max = 64) int capacity,
                                              @ForAll @IntRange(min = 1, max = 300) int keySpace) {
        CellStore inOrder = new CellStore(ReplayBatchProperties::tokenOf, 1_000);
        CellStore batched = new CellStore(ReplayBatchProperties::tokenOf, 1_000);
        ReplayBatch batch = new ReplayBatch(batched, capacity);
        for (Write write : writes) {
            inOrder.apply(keyOf(write.key() % keySpace), write.cell());
            batch.add(keyOf(write.key() % keySpace), write.cell());
        }
        batch.flush();
        assertThat(batched.size()).isEqualTo(inOrder.size());
        for (int k = 0; k < keySpace; k++) {
            assertThat(describe(batched.get(keyOf(k)))).isEqualTo(describe(inOrder.get(keyOf(k))));
        }
    }

    private static String describe(Cell cell) {
        return cell == null ? "absent" : cell.hlc() + "/" + cell.nodeId() + "/" + cell.expiresAtMs() + "/"
                + (cell.isTombstone() ? "tombstone" : java.util.Arrays.toString(cell.value()));
    }

    /** Tokens that share segments and home slots often (the top bits pick the segment). */
    private static long tokenOf(byte[] key) {
        int k = ((key[1] & 0xFF) << 8 | (key[2] & 0xFF)) % 23;
        return ((long) k << 58) | (k % 4);
    }

    private static byte[] keyOf(int i) {
        return new byte[] {'k', (byte) (i >>> 8), (byte) i};
    }

    @Provide
    Arbitrary<List<Write>> writeLists() {
        Arbitrary<Cell> cells = Combinators.combine(Arbitraries.longs().between(1, 6), Arbitraries.integers().between(1, 3),
                        Arbitraries.of(true, false), Arbitraries.of(Cell.NO_EXPIRY, 5_000_000_000_000L))
                .as((h, n, t, e) -> t ? Cell.tombstone(h, n) : Cell.live(h, n, new byte[] {(byte) (h * 7 + n)}, e));
        return Combinators.combine(Arbitraries.integers().between(0, 299), cells).as(Write::new).list().ofMaxSize(500);
    }
}
