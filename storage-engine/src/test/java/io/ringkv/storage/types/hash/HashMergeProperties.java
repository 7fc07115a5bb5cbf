package io.ringkv.storage.types.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link ValueTypes#merge} over the cells a key goes through while it is a hash: HSET and HDEL
 * deltas made by three coordinators from what their own replica held, plain SETs and DELs,
 * EXPIREs and PERSISTs, and whole states exchanged between replicas, with unique versions from
 * one clock. Merge laws, delivery-order independence, deltas against states, the encoding, the
 * add-wins rule, and a single writer's history against a plain map.
 */
class HashMergeProperties {
    private static final int REPLICAS = 3;
    private static final long NOW_MS = 1_000_000;

    enum Kind { HSET, HDEL, HINCRBY, SET, DEL, EXPIRE, PERSIST, SYNC }

    record Op(Kind kind, int replica, int other, int field, int value) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Kind.HSET)),
                Tuple.of(4, Arbitraries.just(Kind.HDEL)),
                Tuple.of(6, Arbitraries.just(Kind.HINCRBY)),
                Tuple.of(1, Arbitraries.just(Kind.SET)),
                Tuple.of(1, Arbitraries.just(Kind.DEL)),
                Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                Tuple.of(1, Arbitraries.just(Kind.PERSIST)),
                Tuple.of(5, Arbitraries.just(Kind.SYNC)));
        Arbitrary<Op> op = Combinators.combine(kinds, Arbitraries.integers().between(1, REPLICAS),
                Arbitraries.integers().between(1, REPLICAS), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 9)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 400)
    void mergeIsCommutativeAssociativeAndIdempotent(@ForAll("histories") List<Op> history, @ForAll long seed) {
        History h = History.run(history);
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            Cell a = h.pick(random);
            Cell b = h.pick(random);
            Cell c = h.pick(random);
            assertThat(ValueTypes.merge(a, b)).as("%s ⊔ %s", a, b).isEqualTo(ValueTypes.merge(b, a));
            assertThat(ValueTypes.merge(ValueTypes.merge(a, b), c)).as("(%s ⊔ %s) ⊔ %s", a, b, c)
                    .isEqualTo(ValueTypes.merge(a, ValueTypes.merge(b, c)));
            assertThat(ValueTypes.merge(a, a)).isEqualTo(ValueTypes.merge(a, null));
        }
    }

    @Property(tries = 400)
    void replicasThatReceiveTheSameWritesInAnyOrderHoldEqualCells(@ForAll("histories") List<Op> history,
                                                                  @ForAll long seed1, @ForAll long seed2) {
        History h = History.run(history);
        Cell one = h.deliveredInOrder(new Random(seed1));
        Cell two = h.deliveredInOrder(new Random(seed2));
        assertThat(one).isEqualTo(two);
        if (one != null && one.type() == HashType.TAG) {
            assertThat(ValueTypes.digest(one)).isEqualTo(ValueTypes.digest(two));
            assertThat(one.value()).isEqualTo(two.value());
        }
    }

    /** Shipping each write's delta gives what shipping the replicas' whole states gives. */
    @Property(tries = 400)
    void mergingTheDeltasEqualsMergingTheStates(@ForAll("histories") List<Op> history) {
        History h = History.run(history);
        Cell states = null;
        for (Cell local : h.replicas) {
            states = ValueTypes.merge(states, local);
        }
        assertThat(h.deliveredInOrder(new Random(0))).isEqualTo(states);
    }

    /** Every cell survives its encoding, and a cell held as bytes digests and merges as the decoded one. */
    @Property(tries = 400)
    void everyCellSurvivesItsEncoding(@ForAll("histories") List<Op> history) {
        History h = History.run(history);
        for (Cell cell : h.pool) {
            if (cell.type() == HashType.TAG) {
                byte[] bytes = cell.value();
                HashState decoded = HashState.decode(bytes);
                assertThat(decoded.encode()).isEqualTo(bytes);
                assertThat(decoded.toCell()).isEqualTo(cell);
                Cell asBytes = Cell.typed(cell.hlc(), cell.nodeId(), HashType.TAG, bytes, cell.expiresAtMs());
                assertThat(ValueTypes.digest(asBytes)).isEqualTo(ValueTypes.digest(cell));
                assertThat(ValueTypes.merge(asBytes, h.replicas[0])).isEqualTo(ValueTypes.merge(cell, h.replicas[0]));
            }
        }
    }

    /** Without SET or DEL of the key, a field ends as the newest write to it, unless a removal saw that write. */
    @Property(tries = 400)
    void aFieldHoldsItsNewestWriteUnlessARemovalObservedIt(@ForAll("histories") List<Op> history) {
        List<Op> fieldsOnly = history.stream().filter(op -> op.kind() == Kind.HSET || op.kind() == Kind.HDEL
                || op.kind() == Kind.SYNC).toList();
        assertThat(fieldsOnly.size()).isLessThanOrEqualTo(history.size());
        History h = History.run(fieldsOnly);
        Cell converged = h.deliveredInOrder(new Random(3));
        for (int f = 0; f <= 5; f++) {
            byte[] name = History.field(f);
            Write newest = h.newestSetOf(f);
            boolean removed = newest != null && h.removedDots.contains(newest.dot());
            byte[] expected = newest == null || removed ? null : newest.value();
            byte[] actual = converged == null || converged.type() != HashType.TAG ? null : HashState.of(converged).get(name);
            assertThat(actual).as("field %d", f).isEqualTo(expected);
        }
    }

    /** HINCRBY through any replicas, in any order of delivery: each field ends as the sum of its increments. */
    @Property(tries = 400)
    void concurrentFieldIncrementsAllCount(@ForAll("histories") List<Op> history, @ForAll long seed) {
        List<Op> incrementsOnly = history.stream().filter(op -> op.kind() == Kind.HINCRBY || op.kind() == Kind.SYNC).toList();
        History h = History.run(incrementsOnly);
        Cell converged = h.deliveredInOrder(new Random(seed));
        for (int f = 0; f <= 5; f++) {
            Long sum = h.increments.get(f);
            byte[] actual = converged == null ? null : HashState.of(converged).get(History.field(f));
            assertThat(actual == null ? null : Long.parseLong(new String(actual, StandardCharsets.US_ASCII)))
                    .as("field %d", f).isEqualTo(sum);
        }
    }

    /** An HSET replaces a counter field; increments after it count from its value; HDEL removes what it saw. */
    @Example
    void aFieldCounterMeetsHsetAndHdel() {
        byte[] f = bytes("n");
        Cell one = HashEdits.increment(null, f, 5, new Dot(10, 1), NOW_MS).delta();
        Cell two = HashEdits.increment(null, f, 3, new Dot(11, 2), NOW_MS).delta();
        Cell both = ValueTypes.merge(one, two);
        assertThat(HashState.of(both).get(f)).isEqualTo(bytes("8"));
        Cell set = HashEdits.set(both, List.of(f, bytes("100")), new Dot(20, 3), NOW_MS).delta();
        Cell afterSet = ValueTypes.merge(both, set);
        assertThat(HashState.of(afterSet).get(f)).isEqualTo(bytes("100"));
        var more = HashEdits.increment(afterSet, f, 1, new Dot(30, 1), NOW_MS);
        assertThat(more.value()).isEqualTo(101);
        Cell counted = ValueTypes.merge(afterSet, more.delta());
        assertThat(HashState.of(counted).get(f)).isEqualTo(bytes("101"));
        // A replica that missed the HSET learns it with the increment: the same value there.
        assertThat(HashState.of(ValueTypes.merge(both, more.delta())).get(f)).isEqualTo(bytes("101"));
        Cell removal = HashEdits.delete(counted, List.of(f), new Dot(40, 2), NOW_MS).delta();
        assertThat(ValueTypes.merge(counted, removal).isLiveAt(NOW_MS)).isFalse();
        assertThat(refusal(() -> HashEdits.increment(HashEdits.set(null, List.of(f, bytes("x")), new Dot(50, 1), NOW_MS).delta(),
                f, 1, new Dot(51, 1), NOW_MS))).isEqualTo("ERR hash value is not an integer");
    }

    /**
     * Projections (what replicas ship for a read of some fields): merging two replicas' projections
     * shows those fields as projecting their merge does, tells a hash from a string alike, and
     * merged into a whole replica (read repair) changes those fields only.
     */
    @Property(tries = 400)
    void projectionsAgreeWithTheWholeOnTheirFields(@ForAll("histories") List<Op> history, @ForAll long seed) {
        History h = History.run(history);
        Random random = new Random(seed);
        for (int i = 0; i < 30; i++) {
            Cell a = h.pick(random);
            Cell b = h.pick(random);
            List<byte[]> names = new ArrayList<>();
            for (int f = 0; f <= 5; f++) {
                if (random.nextBoolean()) {
                    names.add(History.field(f));
                }
            }
            Cell whole = ValueTypes.merge(a, b);
            Cell projected = ValueTypes.merge(ValueTypes.project(a, names), ValueTypes.project(b, names));
            assertThat(shown(projected, names)).as("%s ⊔ %s on %d fields", a, b, names.size()).isEqualTo(shown(whole, names));
            // Read repair: the merged projection written to replica a. Its fields become the merge's;
            // the others are a's, less what b's reset (which the projection carries) ends.
            Cell repaired = ValueTypes.merge(a, projected);
            Cell resetOnly = ValueTypes.merge(a, ValueTypes.project(b, List.of()));
            for (int f = 0; f <= 5; f++) {
                byte[] name = History.field(f);
                boolean asked = names.stream().anyMatch(n -> java.util.Arrays.equals(n, name));
                assertThat(shown(repaired, List.of(name))).as("field %d after repair: a=%s b=%s names=%d repaired=%s resetOnly=%s", f, a, b, names.size(), repaired, resetOnly)
                        .isEqualTo(shown(asked ? whole : resetOnly, List.of(name)));
            }
            if (projected != null && projected.type() == HashType.TAG) {
                assertThat(HashState.decode(projected.value()).toCell()).isEqualTo(projected);
            }
        }
    }

    /** What a reader of {@code names} sees in a cell: WRONGTYPE, nothing, or each field's value. */
    private static List<String> shown(Cell cell, List<byte[]> names) {
        List<String> seen = new ArrayList<>();
        HashState hash;
        try {
            hash = HashEdits.visible(cell, NOW_MS);
        } catch (ValueRefusedException wrongType) {
            return List.of("WRONGTYPE");
        }
        for (byte[] name : names) {
            byte[] value = hash == null ? null : hash.get(name);
            seen.add(value == null ? "nil" : new String(value, StandardCharsets.UTF_8));
        }
        return seen;
    }

    /** HINCRBYFLOAT through two nodes at once adds up too; HINCRBY refuses a field that is not an integer. */
    @Example
    void decimalIncrementsAddUp() {
        byte[] f = bytes("x");
        java.math.BigDecimal tenth = new java.math.BigDecimal("0.1");
        var one = HashEdits.incrementByDecimal(null, f, tenth, new Dot(10, 1), NOW_MS);
        var two = HashEdits.incrementByDecimal(null, f, new java.math.BigDecimal("0.2"), new Dot(11, 2), NOW_MS);
        assertThat(one.text()).isEqualTo("0.1");
        Cell both = ValueTypes.merge(two.delta(), one.delta());
        assertThat(HashState.of(both).get(f)).isEqualTo(bytes("0.3"));
        assertThat(refusal(() -> HashEdits.increment(both, f, 1, new Dot(12, 1), NOW_MS))).isEqualTo("ERR hash value is not an integer");
        var back = HashEdits.incrementByDecimal(both, f, new java.math.BigDecimal("-0.3"), new Dot(13, 1), NOW_MS);
        assertThat(back.text()).isEqualTo("0");
        Cell zero = ValueTypes.merge(both, back.delta());
        assertThat(HashEdits.increment(zero, f, 5, new Dot(14, 3), NOW_MS).value()).isEqualTo(5);
        var big = HashEdits.incrementByDecimal(null, f, new java.math.BigDecimal("1000"), new Dot(15, 1), NOW_MS);
        assertThat(HashState.of(big.delta()).get(f)).isEqualTo(bytes("1000"));
        assertThat(HashState.decode(big.delta().value()).toCell()).isEqualTo(big.delta());
        Cell text = HashEdits.set(null, List.of(f, bytes("abc")), new Dot(16, 1), NOW_MS).delta();
        assertThat(refusal(() -> HashEdits.incrementByDecimal(text, f, tenth, new Dot(17, 1), NOW_MS)))
                .isEqualTo("ERR hash value is not a float");
    }

    /** HSET concurrent with an HDEL that did not see it survives the HDEL, whichever arrives first. */
    @Example
    void anAddWinsOverAConcurrentRemove() {
        byte[] f = bytes("f");
        Cell first = HashEdits.set(null, List.of(f, bytes("1")), new Dot(10, 1), NOW_MS).delta();
        Cell removal = HashEdits.delete(first, List.of(f), new Dot(20, 2), NOW_MS).delta();
        // Replica 3 had not seen the removal; its HSET has an older clock than the HDEL.
        Cell concurrent = HashEdits.set(first, List.of(f, bytes("2")), new Dot(15, 3), NOW_MS).delta();
        for (Cell merged : List.of(ValueTypes.merge(ValueTypes.merge(first, removal), concurrent),
                ValueTypes.merge(ValueTypes.merge(first, concurrent), removal))) {
            assertThat(HashState.of(merged).get(f)).isEqualTo(bytes("2"));
        }
        // And an HDEL removes only what it observed: the first write.
        assertThat(HashState.of(ValueTypes.merge(first, removal)).get(f)).isNull();
        assertThat(ValueTypes.merge(first, removal).isLiveAt(NOW_MS)).as("an empty hash is no key").isFalse();
    }

    /** One writer, one replica: HSET/HDEL/DEL replies and contents are a plain map's. */
    @Property(tries = 300)
    void aSingleWritersHistoryMatchesAPlainMap(@ForAll("histories") List<Op> history) {
        Map<String, String> model = new TreeMap<>();
        Cell held = null;
        long hlc = 1_000;
        for (Op op : history) {
            Dot dot = new Dot(++hlc, 1);
            byte[] name = History.field(op.field());
            switch (op.kind()) {
                case HSET -> {
                    HashEdits.Result r = HashEdits.set(held, List.of(name, History.value(op.value())), dot, NOW_MS);
                    assertThat(r.count()).isEqualTo(model.containsKey(new String(name, StandardCharsets.UTF_8)) ? 0 : 1);
                    model.put(new String(name, StandardCharsets.UTF_8), "v" + op.value());
                    held = ValueTypes.merge(held, r.delta());
                }
                case HDEL -> {
                    HashEdits.Result r = HashEdits.delete(held, List.of(name), dot, NOW_MS);
                    assertThat(r.count()).isEqualTo(model.remove(new String(name, StandardCharsets.UTF_8)) == null ? 0 : 1);
                    held = ValueTypes.merge(held, r.delta());
                }
                case DEL -> {
                    model.clear();
                    held = ValueTypes.merge(held, Cell.tombstone(dot.hlc(), 1));
                }
                default -> {
                }
            }
            Map<String, String> seen = new TreeMap<>();
            HashState visible = HashEdits.visible(held, NOW_MS);
            if (visible != null) {
                visible.forEachLive((k, v) -> seen.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
                assertThat(visible.size()).isEqualTo(model.size());
            }
            assertThat(seen).isEqualTo(model);
        }
    }

    @Example
    void stringsAndHashesRefuseEachOther() {
        Cell string = Cell.live(5, 1, bytes("x"), Cell.NO_EXPIRY);
        assertThat(refusal(() -> HashEdits.set(string, List.of(bytes("f"), bytes("v")), new Dot(6, 1), NOW_MS)))
                .isEqualTo(ValueRefusedException.WRONG_TYPE);
        Cell hash = HashEdits.set(null, List.of(bytes("f"), bytes("v")), new Dot(6, 1), NOW_MS).delta();
        assertThat(refusal(() -> ValueTypes.stringValue(hash))).isEqualTo(ValueRefusedException.WRONG_TYPE);
        assertThat(ValueTypes.name(hash)).isEqualTo("hash");
        // A SET after the hash replaces it; a field written after that makes it a hash again.
        Cell set = Cell.live(7, 2, bytes("s"), Cell.NO_EXPIRY);
        assertThat(ValueTypes.merge(hash, set)).isEqualTo(set);
        Cell later = HashEdits.set(null, List.of(bytes("g"), bytes("w")), new Dot(8, 1), NOW_MS).delta();
        Cell merged = ValueTypes.merge(ValueTypes.merge(hash, later), set);
        assertThat(ValueTypes.name(merged)).isEqualTo("hash");
        assertThat(HashState.of(merged).get(bytes("f"))).isNull();
        assertThat(HashState.of(merged).get(bytes("g"))).isEqualTo(bytes("w"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(Runnable action) {
        try {
            action.run();
            return null;
        } catch (ValueRefusedException refused) {
            return refused.getMessage();
        }
    }

    record Write(int field, Dot dot, byte[] value) {
    }

    /** Three replicas playing a history; every write made, delta or state, lands in the pool. */
    static final class History {
        final Cell[] replicas = new Cell[REPLICAS];
        final List<Cell> pool = new ArrayList<>();
        final List<Cell> writes = new ArrayList<>();
        final List<Write> sets = new ArrayList<>();
        final java.util.Set<Dot> removedDots = new java.util.HashSet<>();
        final Map<Integer, Long> increments = new TreeMap<>();
        private long hlc = 1_000;

        static History run(List<Op> ops) {
            History h = new History();
            h.play(ops);
            return h;
        }

        static byte[] field(int f) {
            return ("f" + f).getBytes(StandardCharsets.UTF_8);
        }

        static byte[] value(int v) {
            return ("v" + v).getBytes(StandardCharsets.UTF_8);
        }

        Write newestSetOf(int field) {
            Write newest = null;
            for (Write write : sets) {
                if (write.field() == field && (newest == null || write.dot().compareTo(newest.dot()) > 0)) {
                    newest = write;
                }
            }
            return newest;
        }

        void play(List<Op> ops) {
            for (Op op : ops) {
                int r = op.replica() - 1;
                Cell local = replicas[r];
                Dot dot = new Dot(++hlc, op.replica());
                Cell write;
                try {
                    write = switch (op.kind()) {
                        case HSET -> {
                            Cell delta = HashEdits.set(local, List.of(field(op.field()), value(op.value())), dot, NOW_MS).delta();
                            sets.add(new Write(op.field(), dot, value(op.value())));
                            yield delta;
                        }
                        case HDEL -> {
                            HashState seen = HashEdits.visible(local, NOW_MS);
                            if (seen != null && seen.field(field(op.field())) != null && !seen.field(field(op.field())).isRemoved()) {
                                removedDots.add(seen.field(field(op.field())).dot());
                            }
                            yield HashEdits.delete(local, List.of(field(op.field())), dot, NOW_MS).delta();
                        }
                        case HINCRBY -> {
                            io.ringkv.storage.types.counter.CounterIncrement.Result applied = op.other() == 3
                                    ? HashEdits.incrementByDecimal(local, field(op.field()), java.math.BigDecimal.valueOf(op.value() - 4), dot, NOW_MS)
                                    : HashEdits.increment(local, field(op.field()), op.value() - 4, dot, NOW_MS);
                            increments.merge(op.field(), (long) op.value() - 4, Long::sum);
                            yield applied.delta();
                        }
                        case SET -> Cell.live(dot.hlc(), dot.node(), value(op.value()), Cell.NO_EXPIRY);
                        case DEL -> Cell.tombstone(dot.hlc(), dot.node());
                        case EXPIRE -> local == null || local.isTombstone() ? null
                                : ValueTypes.withExpiry(local, dot.hlc(), dot.node(), NOW_MS + 1_000 + op.value());
                        case PERSIST -> local == null || local.isTombstone() ? null
                                : ValueTypes.withExpiry(local, dot.hlc(), dot.node(), Cell.NO_EXPIRY);
                        case SYNC -> replicas[op.other() - 1];
                    };
                } catch (ValueRefusedException wrongType) {
                    write = null;
                }
                if (write != null) {
                    replicas[r] = ValueTypes.merge(local, write);
                    pool.add(write);
                    pool.add(replicas[r]);
                    if (op.kind() != Kind.SYNC) {
                        writes.add(write);
                    }
                }
            }
        }

        Cell pick(Random random) {
            return pool.isEmpty() || random.nextInt(10) == 0 ? null : pool.get(random.nextInt(pool.size()));
        }

        /** A fresh replica that receives every write once, in a random order. */
        Cell deliveredInOrder(Random random) {
            List<Cell> shuffled = new ArrayList<>(writes);
            Collections.shuffle(shuffled, random);
            Cell held = null;
            for (Cell cell : shuffled) {
                held = ValueTypes.merge(held, cell);
            }
            return held;
        }
    }
}
