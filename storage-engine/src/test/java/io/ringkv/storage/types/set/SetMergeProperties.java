package io.ringkv.storage.types.set;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sets through {@link ValueTypes#merge}: SADD and SREM deltas made by three replicas from what they
 * held, whole states exchanged, DELs: merge laws, delivery order, deltas against states, the
 * type tag kept, add wins over a concurrent remove, and a single writer against a {@link TreeSet}.
 */
class SetMergeProperties {
    private static final long NOW_MS = 1_000_000;

    enum Kind { SADD, SREM, DEL, SYNC }

    record Op(Kind kind, int replica, int other, int member) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.SADD, Kind.SADD, Kind.SREM, Kind.SYNC, Kind.SYNC, Kind.DEL),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 5)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(50);
    }

    private static byte[] member(int m) {
        return ("m" + m).getBytes(StandardCharsets.UTF_8);
    }

    private static Cell add(Cell local, int m, Dot dot) {
        return HashEdits.set(local, List.of(member(m), new byte[0]), dot, NOW_MS, SetType.TAG).delta();
    }

    private static Cell remove(Cell local, int m, Dot dot) {
        return HashEdits.delete(local, List.of(member(m)), dot, NOW_MS, SetType.TAG).delta();
    }

    @Property(tries = 300)
    void mergeLawsDeliveryOrderAndDeltas(@ForAll("histories") List<Op> history, @ForAll long seed) {
        Cell[] replicas = new Cell[3];
        List<Cell> writes = new ArrayList<>();
        List<Cell> pool = new ArrayList<>();
        long hlc = 1_000;
        for (Op op : history) {
            int r = op.replica() - 1;
            Dot dot = new Dot(++hlc, op.replica());
            Cell write = switch (op.kind()) {
                case SADD -> add(replicas[r], op.member(), dot);
                case SREM -> remove(replicas[r], op.member(), dot);
                case DEL -> Cell.tombstone(dot.hlc(), dot.node());
                case SYNC -> replicas[op.other() - 1];
            };
            if (write != null) {
                replicas[r] = ValueTypes.merge(replicas[r], write);
                pool.add(write);
                pool.add(replicas[r]);
                if (op.kind() != Kind.SYNC) {
                    writes.add(write);
                }
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < 40 && !pool.isEmpty(); i++) {
            Cell a = pool.get(random.nextInt(pool.size()));
            Cell b = pool.get(random.nextInt(pool.size()));
            Cell c = pool.get(random.nextInt(pool.size()));
            assertThat(ValueTypes.merge(a, b)).isEqualTo(ValueTypes.merge(b, a));
            assertThat(ValueTypes.merge(ValueTypes.merge(a, b), c)).isEqualTo(ValueTypes.merge(a, ValueTypes.merge(b, c)));
            assertThat(ValueTypes.merge(a, a)).isEqualTo(ValueTypes.merge(a, null));
        }
        for (Cell cell : pool) {
            survivesItsEncodingAndSummarizes(cell);
        }
        Cell states = null;
        for (Cell replica : replicas) {
            states = ValueTypes.merge(states, replica);
        }
        List<Cell> shuffled = new ArrayList<>(writes);
        Collections.shuffle(shuffled, random);
        Cell delivered = null;
        for (Cell write : shuffled) {
            delivered = ValueTypes.merge(delivered, write);
        }
        assertThat(delivered).isEqualTo(states);
        if (delivered != null && delivered.isLiveAt(NOW_MS)) {
            assertThat(ValueTypes.name(delivered)).isEqualTo("set");
            assertThat(delivered.type()).isEqualTo(SetType.TAG);
        }
    }

    /**
     * A set cell's bytes decode to the same cell, which digests and merges as the decoded one; its
     * summary counts its members, is seen as a set while it is one, and carries its digest.
     */
    private static void survivesItsEncodingAndSummarizes(Cell cell) {
        if (cell.type() != SetType.TAG) {
            return;
        }
        byte[] bytes = cell.value();
        HashState decoded = HashState.decode(bytes);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.toCell(SetType.TAG)).isEqualTo(cell);
        Cell asBytes = Cell.typed(cell.hlc(), cell.nodeId(), SetType.TAG, bytes, cell.expiresAtMs());
        assertThat(ValueTypes.digest(asBytes)).isEqualTo(ValueTypes.digest(cell));
        assertThat(ValueTypes.merge(asBytes, null)).isEqualTo(ValueTypes.merge(cell, null));

        Cell summary = ValueTypes.summarize(asBytes);
        assertThat(summary).isEqualTo(ValueTypes.summarize(cell));
        assertThat(Summary.of(summary).digest()).isEqualTo(ValueTypes.digest(cell));
        if (decoded.isHash()) {
            assertThat(HashEdits.count(summary, NOW_MS, SetType.TAG)).isEqualTo(decoded.size())
                    .isEqualTo(HashEdits.count(cell, NOW_MS, SetType.TAG));
        } else if (decoded.hasContent()) {
            assertThat(Summary.of(summary).seenAs()).isEqualTo(Cell.STRING);
        }
        assertThat(summary.isLiveAt(NOW_MS)).isEqualTo(cell.isLiveAt(NOW_MS));
    }

    @Property(tries = 300)
    void aSingleWritersHistoryMatchesATreeSet(@ForAll("histories") List<Op> history) {
        TreeSet<String> model = new TreeSet<>();
        Cell held = null;
        long hlc = 1_000;
        for (Op op : history) {
            Dot dot = new Dot(++hlc, 1);
            String name = "m" + op.member();
            switch (op.kind()) {
                case SADD -> {
                    HashEdits.Result r = HashEdits.set(held, List.of(member(op.member()), new byte[0]), dot, NOW_MS, SetType.TAG);
                    assertThat(r.count()).isEqualTo(model.add(name) ? 1 : 0);
                    held = ValueTypes.merge(held, r.delta());
                }
                case SREM -> {
                    HashEdits.Result r = HashEdits.delete(held, List.of(member(op.member())), dot, NOW_MS, SetType.TAG);
                    assertThat(r.count()).isEqualTo(model.remove(name) ? 1 : 0);
                    held = ValueTypes.merge(held, r.delta());
                }
                case DEL -> {
                    model.clear();
                    held = ValueTypes.merge(held, Cell.tombstone(dot.hlc(), 1));
                }
                default -> {
                }
            }
            TreeSet<String> seen = new TreeSet<>();
            HashState set = HashEdits.visible(held, NOW_MS, SetType.TAG);
            if (set != null) {
                set.forEachLive((m, v) -> seen.add(new String(m, StandardCharsets.UTF_8)));
                assertThat(set.size()).isEqualTo(model.size());
            }
            assertThat(seen).isEqualTo(model);
        }
    }

    @Example
    void anAddWinsOverAConcurrentRemoveAndHashesAndSetsRefuseEachOther() {
        Cell first = add(null, 1, new Dot(10, 1));
        Cell removal = remove(first, 1, new Dot(20, 2));
        Cell readd = add(first, 1, new Dot(15, 3));
        assertThat(HashState.of(ValueTypes.merge(ValueTypes.merge(first, removal), readd)).get(member(1))).isNotNull();
        assertThat(HashState.of(ValueTypes.merge(ValueTypes.merge(first, readd), removal)).get(member(1))).isNotNull();
        Cell hash = HashEdits.set(null, List.of(member(1), member(2)), new Dot(30, 1), NOW_MS).delta();
        try {
            HashEdits.set(hash, List.of(member(1), new byte[0]), new Dot(31, 1), NOW_MS, SetType.TAG);
            throw new AssertionError("SADD on a hash was accepted");
        } catch (ValueRefusedException refused) {
            assertThat(refused.getMessage()).isEqualTo(ValueRefusedException.WRONG_TYPE);
        }
    }
}
