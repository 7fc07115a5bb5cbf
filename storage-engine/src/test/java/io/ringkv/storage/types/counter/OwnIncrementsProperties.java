package io.ringkv.storage.types.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One owner's replica of a counter receiving its own increments and SETs or DELs that come late,
 * versioned anywhere in the past: with {@link OwnIncrements} carrying after each reset, the
 * counter is always the newest reset's integer plus exactly the owner's increments versioned after
 * it; without, the increments applied before a late reset arrived are lost.
 */
class OwnIncrementsProperties {
    private static final int OWNER = 1;
    private static final long NOW_MS = 1_000_000;

    /** {@code back}: how many steps before now a reset is versioned (0 for an increment). */
    record Op(boolean reset, long amount, int back, boolean tombstone) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 4).map(n -> n == 0),
                Arbitraries.longs().between(-50, 50), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 3).map(n -> n == 0)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    private static final class Replica {
        Cell cell;
        final int capacity;
        /** Started as an owner starts it: at the second increment of a share. */
        OwnIncrements own;
        final List<Dot> versions = new ArrayList<>();
        final List<Long> amounts = new ArrayList<>();
        Cell newestReset;
        long step;
        int resets;

        Replica(int capacity) {
            this.capacity = capacity;
        }

        Dot now() {
            step++;
            return new Dot(step * 10, OWNER);
        }

        void increment(long amount) {
            Dot version = now();
            CounterIncrement.Result result = CounterIncrement.apply(cell, amount, version, NOW_MS);
            if (own == null && !result.startedShare()) {
                own = OwnIncrements.startingFrom(cell, OWNER, capacity);
            }
            if (own != null) {
                own.add(version, amount);
            }
            versions.add(version);
            amounts.add(amount);
            cell = ValueTypes.merge(cell, result.delta());
        }

        /** A reset versioned {@code back} steps ago, by a node of its own so versions never tie. */
        void lateReset(int back, long value, boolean tombstone, boolean carry) {
            long hlc = Math.max(0, step - back) * 10 + 5;
            int node = 100 + resets++;
            Cell reset = tombstone ? Cell.tombstone(hlc, node)
                    : Cell.live(hlc, node, Long.toString(value).getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
            newestReset = Cell.newer(newestReset, reset);
            cell = ValueTypes.merge(cell, reset);
            if (carry && own != null) {
                CounterIncrement.Result carried = CounterIncrement.carry(cell, own, now(), NOW_MS);
                if (carried != null) {
                    cell = ValueTypes.merge(cell, carried.delta());
                }
            }
        }

        long expected() {
            long sum = newestReset == null || newestReset.isTombstone() ? 0
                    : Long.parseLong(new String(newestReset.value(), StandardCharsets.US_ASCII));
            Dot floor = newestReset == null ? Dot.ZERO : Dot.of(newestReset);
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).compareTo(floor) > 0) {
                    sum += amounts.get(i);
                }
            }
            return sum;
        }

        long value() {
            return cell == null || cell.isTombstone() ? 0 : CounterState.of(cell).value();
        }
    }

    @Property(tries = 500)
    void theCounterIsTheNewestResetPlusTheIncrementsAfterIt(@ForAll("histories") List<Op> history) {
        Replica replica = new Replica(1_000);
        for (Op op : history) {
            if (op.reset()) {
                replica.lateReset(op.back(), op.amount() * 100, op.tombstone(), true);
            } else {
                replica.increment(op.amount());
            }
            assertThat(replica.value()).as("after %s", op).isEqualTo(replica.expected());
        }
    }

    /**
     * With room for only a few increments (the ring grows, wraps and drops the oldest), a reset
     * after the oldest dropped one is still carried exactly; one at or before it is not carried.
     */
    @Property(tries = 300)
    void aSmallMemoryCarriesExactlyWhatItStillHolds(@ForAll("histories") List<Op> history,
                                                  @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 6) int capacity) {
        Replica replica = new Replica(capacity);
        Dot newestDropped = Dot.ZERO;
        for (Op op : history) {
            if (!op.reset()) {
                replica.increment(op.amount());
                continue;
            }
            replica.lateReset(op.back(), op.amount() * 100, op.tombstone(), true);
            Dot reset = Dot.of(replica.newestReset);
            // What it dropped is at most the newest increment before its last `capacity` ones.
            if (replica.versions.size() > capacity) {
                newestDropped = Dot.max(newestDropped, replica.versions.get(replica.versions.size() - capacity - 1));
            }
            if (reset.compareTo(newestDropped) > 0) {
                assertThat(replica.value()).as("after %s (capacity %d)", op, capacity).isEqualTo(replica.expected());
            }
        }
    }

    @Example
    void withoutTheCarryALateSetUndoesLaterIncrements() {
        Replica replica = new Replica(1_000);
        replica.increment(5);
        replica.increment(1);
        replica.lateReset(1, 100, false, false);
        assertThat(replica.expected()).isEqualTo(101);
        assertThat(replica.value()).isEqualTo(100);
    }

    @Example
    void aLateSetIsCarriedPastExactly() {
        Replica replica = new Replica(1_000);
        replica.increment(5);
        replica.increment(1);
        replica.increment(2);
        replica.lateReset(2, 100, false, true);
        assertThat(replica.value()).isEqualTo(103);
        // An even older SET than the one that won changes nothing.
        replica.lateReset(6, 7, false, true);
        assertThat(replica.value()).isEqualTo(103);
        replica.increment(4);
        assertThat(replica.value()).isEqualTo(107);
        assertThat(replica.own.size()).as("increments before the reset forgotten").isEqualTo(3);
    }

    @Example
    void aResetOlderThanWhatItRemembersIsNotCarried() {
        Replica replica = new Replica(2);
        replica.increment(5);
        replica.increment(1);
        replica.increment(2);
        replica.increment(3);
        // The reset comes after the first increment; the record holds only the last two.
        replica.lateReset(3, 100, false, true);
        assertThat(replica.value()).as("the increments after it stay undone: too old to tell").isEqualTo(100);
    }

    @Example
    void aSetOfTextReplacesTheCounterWhole() {
        Replica replica = new Replica(1_000);
        replica.increment(5);
        replica.increment(1);
        long hlc = 15;
        Cell text = Cell.live(hlc, 9, "abc".getBytes(StandardCharsets.US_ASCII), Cell.NO_EXPIRY);
        replica.cell = ValueTypes.merge(replica.cell, text);
        assertThatThrownBy(() -> CounterIncrement.carry(replica.cell, replica.own, replica.now(), NOW_MS))
                .isInstanceOf(ValueRefusedException.class);
        assertThat(CounterState.of(replica.cell).stringValue()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }
}
