package io.ringkv.storage.types.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ListOrder} against a sorted set: inserts and removals anywhere, at the ends and between neighbours. */
class ListOrderProperties {
    /** Add a position at the head, the tail, or between two held ones; or remove the one at a (scaled) index. */
    enum Kind { HEAD, TAIL, BETWEEN, REMOVE }

    record Op(Kind kind, int at) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 10_000))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 200)
    void matchesASortedSet(@ForAll("histories") List<Op> history) {
        TreeSet<byte[]> model = new TreeSet<>(ListPositions::compare);
        ListOrder order = ListOrder.EMPTY;
        long hlc = 1_000;
        for (Op op : history) {
            hlc++;
            List<byte[]> held = new ArrayList<>(model);
            byte[] position = switch (op.kind()) {
                case HEAD -> ListPositions.of(hlc, 1, true);
                case TAIL -> ListPositions.of(hlc, 2, false);
                case BETWEEN -> {
                    int i = held.isEmpty() ? 0 : op.at() % held.size();
                    byte[] low = held.isEmpty() ? null : held.get(i);
                    byte[] high = i + 1 < held.size() ? held.get(i + 1) : null;
                    yield ListPositions.between(low, high, hlc, 3);
                }
                case REMOVE -> held.isEmpty() ? null : held.get(op.at() % held.size());
            };
            if (position == null) {
                continue;
            }
            ListOrder before = order;
            if (op.kind() == Kind.REMOVE) {
                model.remove(position);
                order = order.without(position);
                assertThat(order.without(position)).as("removing an absent position changes nothing").isSameAs(order);
            } else {
                model.add(position);
                order = order.with(position);
                assertThat(order.with(position)).as("adding a held position changes nothing").isSameAs(order);
            }
            assertThat(before.size()).as("the order before is untouched").isEqualTo(held.size());
        }
        List<byte[]> expected = new ArrayList<>(model);
        assertThat(order.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(order.get(i)).isEqualTo(expected.get(i));
            assertThat(order.indexOf(expected.get(i))).isEqualTo(i);
        }
        List<byte[]> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        ListOrder rebuilt = ListOrder.of(reversed);
        assertThat(rebuilt.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(rebuilt.get(i)).isEqualTo(expected.get(i));
        }
    }
}
