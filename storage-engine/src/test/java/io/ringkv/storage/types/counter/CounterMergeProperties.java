package io.ringkv.storage.types.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ValueTypes#merge} over the cells a key really goes through while it is a counter: deltas
 * of INCRBY applied by three owners against their own replica, plain SETs of integers and of other
 * strings, DELs, EXPIREs and PERSISTs, and whole states exchanged between replicas, all with unique
 * versions from one clock. Merge laws, delivery-order independence, deltas against states, the
 * encoding, and the counter's value.
 */
class CounterMergeProperties {
    private static final int REPLICAS = 3;
    private static final long NOW_MS = 1_000_000;

    enum Kind { INCR, SET_INTEGER, SET_TEXT, DEL, EXPIRE, PERSIST, EXPIRED, SYNC }

    record Op(Kind kind, int replica, int other, long amount) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(Kind.INCR)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.SET_INTEGER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.SET_TEXT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.DEL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.PERSIST)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXPIRED)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.SYNC)));
        Arbitrary<Op> op = Combinators.combine(kinds, Arbitraries.integers().between(1, REPLICAS),
                Arbitraries.integers().between(1, REPLICAS), Arbitraries.longs().between(-20, 20))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Op>> incrementsOnly() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.INCR, Kind.SYNC),
                Arbitraries.integers().between(1, REPLICAS), Arbitraries.integers().between(1, REPLICAS),
                Arbitraries.longs().between(-1_000, 1_000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
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
            assertThat(ValueTypes.merge(a, a)).isEqualTo(a);
        }
    }

    @Property(tries = 400)
    void replicasThatReceiveTheSameWritesInAnyOrderHoldEqualCells(@ForAll("histories") List<Op> history,
                                                                  @ForAll long seed1, @ForAll long seed2) {
        History h = History.run(history);
        assertThat(h.deliveredInOrder(new Random(seed1))).isEqualTo(h.deliveredInOrder(new Random(seed2)));
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

    @Property(tries = 400)
    void everyCellSurvivesItsEncoding(@ForAll("histories") List<Op> history) {
        for (Cell cell : History.run(history).pool) {
            if (cell.type() == CounterType.TAG) {
                CounterState state = CounterState.decode(cell.value());
                assertThat(state.encode()).isEqualTo(cell.value());
                assertThat(state.toCell()).isEqualTo(cell);
            }
        }
    }

    /** Without SET, DEL or expiry, the converged counter is exactly the sum of every increment. */
    @Property(tries = 400)
    void concurrentIncrementsAllCount(@ForAll("incrementsOnly") List<Op> history) {
        History h = History.run(history);
        Cell converged = h.deliveredInOrder(new Random(1));
        assertThat(converged == null ? 0 : CounterState.of(converged).value()).isEqualTo(h.sumOfIncrements);
    }

    /** An owner's reply is what it had seen plus its own amount. */
    @Property(tries = 400)
    void theIncrementReplyIsTheOwnersValuePlusTheAmount(@ForAll("histories") List<Op> history) {
        History.run(history).replies.forEach(reply ->
                assertThat(reply.value()).isEqualTo(reply.before() + reply.amount()));
    }

    /** Increments made after an owner has seen a SET count from the SET's value; those before it are gone. */
    @Property(tries = 300)
    void aSetReplacesTheCounterAndLaterIncrementsCountFromIt(@ForAll("incrementsOnly") List<Op> before,
                                                            @ForAll("incrementsOnly") List<Op> after, @ForAll long seed) {
        History h = History.run(before);
        Cell set = Cell.live(h.nextVersion(), 1, "100".getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        for (int r = 0; r < REPLICAS; r++) {
            h.replicas[r] = ValueTypes.merge(h.replicas[r], set);
        }
        h.pool.add(set);
        h.writes.add(set);
        h.sumOfIncrements = 0;
        h.play(after);
        Cell converged = h.deliveredInOrder(new Random(seed));
        assertThat(CounterState.of(converged).stringValue())
                .isEqualTo(Long.toString(100 + h.sumOfIncrements).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The documented edge: a SET wins over a concurrent increment to a share born before it (the
     * owner had not received the SET), so nothing counted before the SET comes back on top of it.
     */
    @net.jqwik.api.Example
    void aSetWinsOverAConcurrentIncrementToAnOlderShare() {
        CounterIncrement.Result first = CounterIncrement.apply(null, 50, new Dot(10, 1), NOW_MS);
        Cell set = Cell.live(20, 2, "100".getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        CounterIncrement.Result concurrent = CounterIncrement.apply(first.delta(), 1, new Dot(30, 1), NOW_MS);
        assertThat(concurrent.value()).isEqualTo(51);
        Cell merged = ValueTypes.merge(ValueTypes.merge(first.delta(), set), concurrent.delta());
        assertThat(merged).isEqualTo(set);
        assertThat(CounterState.of(merged).stringValue()).isEqualTo("100".getBytes(StandardCharsets.US_ASCII));
        // The owner, once it has the SET, starts a new share that counts from it.
        CounterIncrement.Result after = CounterIncrement.apply(merged, 1, new Dot(40, 1), NOW_MS);
        assertThat(after.value()).isEqualTo(101);
        assertThat(CounterState.of(ValueTypes.merge(merged, after.delta())).value()).isEqualTo(101);
    }

    /**
     * Found by the delivery-order property: two replicas' sweepers emptied one version of a counter
     * held with different expiries, and the two tombstones tied. The merge must not depend on which
     * arrives first.
     */
    @net.jqwik.api.Example
    void tombstonesOfOneVersionWithDifferentExpiriesMergeEitherWay() {
        Cell plain = Cell.tombstone(1004, 1);
        Cell swept = Cell.live(1004, 1, new byte[0], 1_001_000).asTombstone();
        assertThat(ValueTypes.merge(plain, swept)).isEqualTo(ValueTypes.merge(swept, plain));
        CounterIncrement.Result later = CounterIncrement.apply(plain, 1, new Dot(1005, 1), NOW_MS);
        assertThat(ValueTypes.merge(ValueTypes.merge(later.delta(), swept), plain))
                .isEqualTo(ValueTypes.merge(ValueTypes.merge(later.delta(), plain), swept));
    }

    /** Of two EXPIREs that did not see each other the longer wins; PERSIST beats a concurrent EXPIRE. */
    @net.jqwik.api.Example
    void concurrentExpiresKeepTheLongestAndPersistWins() {
        Cell counter = CounterIncrement.apply(null, 5, new Dot(10, 1), NOW_MS).delta();
        Cell longer = ValueTypes.withExpiry(counter, 20, 1, NOW_MS + 100_000);
        Cell shorter = ValueTypes.withExpiry(counter, 21, 2, NOW_MS + 10_000);
        Cell persist = ValueTypes.withExpiry(counter, 22, 3, Cell.NO_EXPIRY);
        assertThat(ValueTypes.merge(longer, shorter).expiresAtMs()).isEqualTo(NOW_MS + 100_000);
        assertThat(ValueTypes.merge(shorter, longer).expiresAtMs()).isEqualTo(NOW_MS + 100_000);
        assertThat(ValueTypes.merge(ValueTypes.merge(shorter, longer), persist).expiresAtMs()).isEqualTo(Cell.NO_EXPIRY);
        assertThat(ValueTypes.merge(persist, ValueTypes.merge(longer, shorter)).expiresAtMs()).isEqualTo(Cell.NO_EXPIRY);
        // An EXPIRE that read the longer one replaces it, shorter or not.
        Cell after = ValueTypes.withExpiry(longer, 30, 4, NOW_MS + 5_000);
        assertThat(ValueTypes.merge(longer, after).expiresAtMs()).isEqualTo(NOW_MS + 5_000);
        assertThat(ValueTypes.merge(ValueTypes.merge(after, shorter), longer).expiresAtMs()).isEqualTo(NOW_MS + 10_000);
        // A SET without EX after all of them clears the expiry; the counter counts from its value.
        Cell set = Cell.live(40, 1, "7".getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        Cell all = ValueTypes.merge(ValueTypes.merge(ValueTypes.merge(after, shorter), persist), set);
        assertThat(all).isEqualTo(set);
    }

    /** Keys and what INCR on them answers: integers count from their value, other strings refuse. */
    @Property(tries = 100)
    void incrementOfAStringStartsFromItsValueOrIsRefused(@ForAll long start, @ForAll("amounts") long amount) {
        Cell string = Cell.live(5, 1, Long.toString(start).getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        boolean overflows = (start > 0 && amount > Long.MAX_VALUE - start) || (start < 0 && amount < Long.MIN_VALUE - start);
        if (overflows) {
            assertThat(refusal(() -> CounterIncrement.apply(string, amount, new Dot(10, 2), NOW_MS)))
                    .isEqualTo(ValueRefusedException.OVERFLOW);
        } else {
            CounterIncrement.Result result = CounterIncrement.apply(string, amount, new Dot(10, 2), NOW_MS);
            assertThat(result.value()).isEqualTo(start + amount);
            assertThat(CounterState.of(ValueTypes.merge(string, result.delta())).value()).isEqualTo(start + amount);
        }
        Cell text = Cell.live(5, 1, (start + "x").getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        assertThat(refusal(() -> CounterIncrement.apply(text, amount, new Dot(10, 2), NOW_MS)))
                .isEqualTo(ValueRefusedException.NOT_AN_INTEGER);
    }

    @Provide
    Arbitrary<Long> amounts() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-100, 100));
    }

    private static String refusal(Runnable action) {
        try {
            action.run();
            return null;
        } catch (ValueRefusedException refused) {
            return refused.getMessage();
        }
    }

    /** Three replicas playing a history; every write made, delta or state, lands in the pool. */
    static final class History {
        record Reply(long before, long amount, long value) {
        }

        final Cell[] replicas = new Cell[REPLICAS];
        final List<Cell> pool = new ArrayList<>();
        final List<Cell> writes = new ArrayList<>();
        final List<Reply> replies = new ArrayList<>();
        long sumOfIncrements;
        private long hlc = 1_000;

        static History run(List<Op> ops) {
            History h = new History();
            h.play(ops);
            return h;
        }

        long nextVersion() {
            return ++hlc;
        }

        void play(List<Op> ops) {
            for (Op op : ops) {
                int r = op.replica() - 1;
                Cell local = replicas[r];
                Cell write = switch (op.kind()) {
                    case INCR -> increment(local, op);
                    case SET_INTEGER -> Cell.live(nextVersion(), op.replica(), Long.toString(op.amount()).getBytes(StandardCharsets.US_ASCII),
                            Cell.NO_EXPIRY);
                    case SET_TEXT -> Cell.live(nextVersion(), op.replica(), ("t" + op.amount()).getBytes(StandardCharsets.US_ASCII),
                            op.amount() > 0 ? NOW_MS + op.amount() : Cell.NO_EXPIRY);
                    case DEL -> Cell.tombstone(nextVersion(), op.replica());
                    case EXPIRE -> local == null || local.isTombstone() ? null
                            : ValueTypes.withExpiry(local, nextVersion(), op.replica(), NOW_MS + 1_000 + Math.abs(op.amount()));
                    case PERSIST -> local == null || local.isTombstone() ? null
                            : ValueTypes.withExpiry(local, nextVersion(), op.replica(), Cell.NO_EXPIRY);
                    // What the sweeper leaves of an expired value.
                    case EXPIRED -> local == null || local.isTombstone() ? null : local.asTombstone();
                    case SYNC -> replicas[op.other() - 1];
                };
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

        private Cell increment(Cell local, Op op) {
            try {
                CounterIncrement.Result result = CounterIncrement.apply(local, op.amount(), new Dot(nextVersion(), op.replica()), NOW_MS);
                long before = local == null || local.isTombstone() || local.isExpiredAt(NOW_MS) ? 0 : CounterState.of(local).value();
                replies.add(new Reply(before, op.amount(), result.value()));
                sumOfIncrements += op.amount();
                return result.delta();
            } catch (ValueRefusedException refused) {
                return null;
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
