package io.ringkv.storage.types.list;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Lists through {@link ValueTypes#merge}: pushes and pops made by three replicas from what they
 * held, whole states exchanged, DELs: merge laws, delivery order, deltas against states, the
 * encoding round trip, no element twice; concurrent pushes all kept in one order; and a single
 * writer's random commands against a {@link LinkedList}.
 */
class ListMergeProperties {
    private static final long NOW_MS = 1_000_000;

    enum Kind { LPUSH, RPUSH, LPOP, RPOP, DEL, SYNC }

    record Op(Kind kind, int replica, int other, int amount) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.LPUSH, Kind.RPUSH, Kind.RPUSH, Kind.LPOP, Kind.RPOP,
                        Kind.SYNC, Kind.SYNC, Kind.DEL),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 3)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    private static List<byte[]> elements(String prefix, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add((prefix + "." + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> values(Cell cell) {
        List<String> out = new ArrayList<>();
        ListView list = ListView.of(cell, NOW_MS);
        for (int i = 0; i < list.size(); i++) {
            out.add(new String(list.get(i).value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Property(tries = 300)
    void mergeLawsDeliveryOrderDeltasAndNoElementTwice(@ForAll("histories") List<Op> history, @ForAll long seed) {
        Cell[] replicas = new Cell[3];
        List<Cell> writes = new ArrayList<>();
        List<Cell> pool = new ArrayList<>();
        AtomicLong hlc = new AtomicLong(1_000);
        int pushes = 0;
        for (Op op : history) {
            int r = op.replica() - 1;
            Cell write = switch (op.kind()) {
                case LPUSH, RPUSH -> ListEdits.push(replicas[r], ListEdits.positioned(elements("p" + pushes++, op.amount() + 1),
                        hlc::incrementAndGet, op.replica(), op.kind() == Kind.LPUSH), new Dot(hlc.incrementAndGet(), op.replica()), NOW_MS);
                case LPOP, RPOP -> ListEdits.pop(replicas[r], op.amount(), op.kind() == Kind.LPOP,
                        new Dot(hlc.incrementAndGet(), op.replica()), NOW_MS).delta();
                case DEL -> Cell.tombstone(hlc.incrementAndGet(), op.replica());
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
        List<String> merged = values(delivered);
        assertThat(merged).as("no element twice").doesNotHaveDuplicates();
        slicesThatAgreeAreTheMergedListsEnds(replicas, states);
    }

    /** Replicas' slices (first or last k) that agree merge to the merged list's own slice; equal replicas always agree. */
    private static void slicesThatAgreeAreTheMergedListsEnds(Cell[] replicas, Cell merged) {
        List<String> whole = values(merged);
        for (int k = 1; k <= 4; k++) {
            for (boolean head : new boolean[] {true, false}) {
                List<Cell> slices = new ArrayList<>();
                for (Cell replica : replicas) {
                    slices.add(ValueTypes.project(replica, ListSlice.request(head, k)));
                }
                if (ListSlice.agree(slices)) {
                    Cell joined = null;
                    for (Cell slice : slices) {
                        joined = ValueTypes.merge(joined, slice);
                    }
                    int n = Math.min(k, whole.size());
                    List<String> expected = head ? whole.subList(0, n) : whole.subList(whole.size() - n, whole.size());
                    assertThat(joined == null ? List.of() : values(joined)).as((head ? "first " : "last ") + k).isEqualTo(expected);
                }
                ListSlice slice = ListSlice.request(head, k);
                Cell union = null;
                for (Cell sliced : slices) {
                    union = ValueTypes.merge(union, sliced);
                }
                Cell named = null;
                for (Cell replica : replicas) {
                    named = ValueTypes.merge(named, ValueTypes.project(replica, ListSlice.livePositionsOf(union)));
                }
                byte[] bound = slice.bound(slices);
                Cell checked = slice.within(ValueTypes.merge(union, named), bound);
                if (checked != null && union != null && union.type() == ListType.TAG) {
                    List<String> got = values(checked);
                    if (bound == null) {
                        assertThat(got).as("every replica shipped all it holds: the whole list").isEqualTo(whole);
                    } else {
                        assertThat(got.size()).isGreaterThanOrEqualTo(k);
                        List<String> expected = head ? whole.subList(0, got.size()) : whole.subList(whole.size() - got.size(), whole.size());
                        assertThat(got).as((head ? "a prefix" : "a suffix") + " of the merged list").isEqualTo(expected);
                    }
                }
                List<Cell> same = java.util.Arrays.asList(ValueTypes.project(merged, ListSlice.request(head, k)),
                        ValueTypes.project(ValueTypes.merge(merged, null), ListSlice.request(head, k)));
                assertThat(ListSlice.agree(same)).as("equal replicas agree").isTrue();
            }
        }
    }

    private static List<String> positions(Cell cell) {
        ListView list = ListView.of(cell, NOW_MS);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(java.util.HexFormat.of().formatHex(list.position(i)));
        }
        return out;
    }

    private static void survivesItsEncodingAndSummarizes(Cell cell) {
        if (cell.type() != ListType.TAG) {
            return;
        }
        byte[] bytes = cell.value();
        HashState decoded = HashState.decode(bytes);
        assertThat(decoded.encode()).isEqualTo(bytes);
        assertThat(decoded.toCell(ListType.TAG)).isEqualTo(cell);
        Cell asBytes = Cell.typed(cell.hlc(), cell.nodeId(), ListType.TAG, bytes, cell.expiresAtMs());
        assertThat(ValueTypes.merge(asBytes, null)).isEqualTo(ValueTypes.merge(cell, null));
        assertThat(positions(ValueTypes.merge(cell, null))).as("the order the store keeps is the positions sorted")
                .containsExactlyElementsOf(positions(asBytes));
        Cell summary = ValueTypes.summarize(asBytes);
        assertThat(Summary.of(summary).digest()).isEqualTo(ValueTypes.digest(cell));
        if (decoded.isHash()) {
            assertThat(HashEdits.count(summary, NOW_MS, ListType.TAG)).isEqualTo(decoded.size());
        }
    }

    /** One writer: every push, pop and DEL gives what a plain list gives, element for element. */
    @Property(tries = 300)
    void aSingleWritersHistoryMatchesALinkedList(@ForAll("histories") List<Op> history) {
        LinkedList<String> model = new LinkedList<>();
        Cell held = null;
        AtomicLong hlc = new AtomicLong(1_000);
        int pushes = 0;
        for (Op op : history) {
            switch (op.kind()) {
                case LPUSH, RPUSH -> {
                    boolean head = op.kind() == Kind.LPUSH;
                    List<byte[]> elements = elements("p" + pushes++, op.amount() + 1);
                    held = ValueTypes.merge(held, ListEdits.push(held, ListEdits.positioned(elements, hlc::incrementAndGet, 1, head),
                            new Dot(hlc.incrementAndGet(), 1), NOW_MS));
                    for (byte[] element : elements) {
                        String value = new String(element, StandardCharsets.UTF_8);
                        if (head) {
                            model.addFirst(value);
                        } else {
                            model.addLast(value);
                        }
                    }
                }
                case LPOP, RPOP -> {
                    boolean head = op.kind() == Kind.LPOP;
                    ListEdits.Popped popped = ListEdits.pop(held, op.amount(), head, new Dot(hlc.incrementAndGet(), 1), NOW_MS);
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < op.amount() && !model.isEmpty(); i++) {
                        expected.add(head ? model.removeFirst() : model.removeLast());
                    }
                    assertThat(popped.elements().stream().map(e -> new String(e, StandardCharsets.UTF_8)).toList())
                            .isEqualTo(expected);
                    held = ValueTypes.merge(held, popped.delta());
                }
                case DEL -> {
                    model.clear();
                    held = ValueTypes.merge(held, Cell.tombstone(hlc.incrementAndGet(), 1));
                }
                default -> {
                }
            }
            assertThat(values(held)).isEqualTo(model);
            assertThat(held == null || !held.isLiveAt(NOW_MS) || !model.isEmpty()).as("an empty list is no key").isTrue();
        }
    }

    /**
     * Pops taken in one turn ({@link ListEdits#popEach}, as a node batches the pops waiting on a
     * key) take what the same pops one after another would: the same elements each, the same
     * emptied and existed flags, and the same list after.
     */
    @Property(tries = 300)
    void aTurnOfPopsTakesWhatThePopsOneAfterAnotherWould(@ForAll("pushCounts") List<Integer> counts,
                                                         @ForAll boolean head, @ForAll int seed) {
        AtomicLong hlc = new AtomicLong(100);
        java.util.Random random = new java.util.Random(seed);
        Cell list = ListEdits.push(null, ListEdits.positioned(elements("e", 1 + random.nextInt(12)), hlc::incrementAndGet, 1,
                false), new Dot(hlc.incrementAndGet(), 1), NOW_MS);
        List<Long> pops = counts.stream().map(Integer::longValue).toList();
        ListEdits.Turn turn = ListEdits.popEach(list, pops, head, new Dot(hlc.incrementAndGet(), 2), NOW_MS);
        Cell oneByOne = list;
        for (int i = 0; i < pops.size(); i++) {
            ListEdits.Popped alone = ListEdits.pop(oneByOne, pops.get(i), head, new Dot(hlc.incrementAndGet(), 3), NOW_MS);
            ListEdits.Popped inTurn = turn.pops().get(i);
            assertThat(inTurn.elements().stream().map(e -> new String(e, StandardCharsets.UTF_8)).toList())
                    .isEqualTo(alone.elements().stream().map(e -> new String(e, StandardCharsets.UTF_8)).toList());
            assertThat(inTurn.existed()).isEqualTo(alone.existed());
            assertThat(inTurn.emptied()).isEqualTo(alone.emptied());
            oneByOne = ValueTypes.merge(oneByOne, alone.delta());
        }
        assertThat(values(ValueTypes.merge(list, turn.delta()))).isEqualTo(values(oneByOne));
    }

    @Provide
    Arbitrary<List<Integer>> pushCounts() {
        return Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Pushes through two nodes that did not see each other: all kept, in the same order whichever arrives first. */
    @Example
    void concurrentPushesAreAllKeptInOneOrder() {
        Cell base = ListEdits.push(null, ListEdits.positioned(elements("base", 1), () -> 10, 1, false), new Dot(11, 1), NOW_MS);
        Cell fromTwo = ListEdits.push(base, ListEdits.positioned(elements("two", 2), new AtomicLong(20)::incrementAndGet, 2, false),
                new Dot(30, 2), NOW_MS);
        Cell fromThree = ListEdits.push(base, ListEdits.positioned(elements("three", 1), () -> 25, 3, true), new Dot(26, 3), NOW_MS);
        List<String> oneWay = values(ValueTypes.merge(ValueTypes.merge(base, fromTwo), fromThree));
        List<String> otherWay = values(ValueTypes.merge(ValueTypes.merge(base, fromThree), fromTwo));
        assertThat(oneWay).isEqualTo(otherWay).containsExactly("three.0", "base.0", "two.0", "two.1");
        // A pop that saw only the base removes only it: the pushes it did not see stay.
        Cell pop = ListEdits.pop(base, 1, true, new Dot(40, 1), NOW_MS).delta();
        assertThat(values(ValueTypes.merge(ValueTypes.merge(base, fromTwo), pop))).containsExactly("two.0", "two.1");
    }

    enum Edit { LPUSH, RPUSH, INSERT_BEFORE, INSERT_AFTER, SET, REM, TRIM, LPOP, RPOP }

    record EditOp(Edit edit, int a, int b, int value) {
    }

    @Provide
    Arbitrary<List<EditOp>> edits() {
        Arbitrary<EditOp> op = Combinators.combine(Arbitraries.of(Edit.values()), Arbitraries.integers().between(-6, 6),
                Arbitraries.integers().between(-6, 6), Arbitraries.integers().between(0, 3)).as(EditOp::new);
        return op.list().ofMinSize(1).ofMaxSize(80);
    }

    /**
     * One writer's LINSERTs (many into one gap: positions grow longer), LSETs, LREMs and LTRIMs
     * among pushes and pops give what a plain list gives, element for element.
     */
    @Property(tries = 300)
    void aSingleWritersEditsMatchALinkedList(@ForAll("edits") List<EditOp> history) {
        List<String> model = new ArrayList<>();
        Cell held = null;
        AtomicLong hlc = new AtomicLong(1_000);
        for (EditOp op : history) {
            ListView list = ListView.of(held, NOW_MS);
            byte[] value = ("v" + op.value()).getBytes(StandardCharsets.UTF_8);
            Dot dot = new Dot(hlc.addAndGet(2), 1);
            Cell delta = null;
            switch (op.edit()) {
                case LPUSH, RPUSH -> {
                    boolean head = op.edit() == Edit.LPUSH;
                    delta = ListEdits.push(held, ListEdits.positioned(List.of(value), hlc::incrementAndGet, 1, head), dot, NOW_MS);
                    model.add(head ? 0 : model.size(), "v" + op.value());
                }
                case INSERT_BEFORE, INSERT_AFTER -> {
                    if (!model.isEmpty()) {
                        int pivot = Math.floorMod(op.a(), model.size());
                        boolean before = op.edit() == Edit.INSERT_BEFORE;
                        byte[] position = ListEdits.insertPosition(list, pivot, before, hlc.incrementAndGet(), 1);
                        delta = ListEdits.setAt(held, position, value, dot, NOW_MS);
                        model.add(before ? pivot : pivot + 1, "v" + op.value());
                    }
                }
                case SET -> {
                    if (!model.isEmpty()) {
                        int at = Math.floorMod(op.a(), model.size());
                        delta = ListEdits.setAt(held, list.get(at).position(), value, dot, NOW_MS);
                        model.set(at, "v" + op.value());
                    }
                }
                case REM -> {
                    delta = ListEdits.remove(held, ListEdits.matching(list, value, op.a()), dot, NOW_MS);
                    String target = "v" + op.value();
                    long limit = op.a() == 0 ? Long.MAX_VALUE : Math.abs(op.a());
                    List<Integer> hits = new ArrayList<>();
                    for (int i = 0; i < model.size() && hits.size() < limit; i++) {
                        int at = op.a() < 0 ? model.size() - 1 - i : i;
                        if (model.get(at).equals(target)) {
                            hits.add(at);
                        }
                    }
                    hits.sort(Collections.reverseOrder());
                    hits.forEach(at -> model.remove((int) at));
                }
                case TRIM -> {
                    delta = ListEdits.remove(held, ListEdits.outside(list, op.a(), op.b()), dot, NOW_MS);
                    long[] range = ListView.clamp(op.a(), op.b(), model.size());
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < model.size(); i++) {
                        if (i >= range[0] && i <= range[1]) {
                            kept.add(model.get(i));
                        }
                    }
                    model.clear();
                    model.addAll(kept);
                }
                case LPOP, RPOP -> {
                    boolean head = op.edit() == Edit.LPOP;
                    delta = ListEdits.pop(held, 1, head, dot, NOW_MS).delta();
                    if (!model.isEmpty()) {
                        model.remove(head ? 0 : model.size() - 1);
                    }
                }
            }
            held = ValueTypes.merge(held, delta);
            assertThat(values(held)).as("after %s", op).isEqualTo(model);
        }
    }

    /** Positions between neighbours stay strictly between them, however deep the inserts go. */
    @Property(tries = 200)
    void aPositionBetweenNeighboursSortsBetweenThem(@ForAll("edits") List<EditOp> inserts) {
        List<byte[]> positions = new ArrayList<>(List.of(ListPositions.of(100, 1, false)));
        long hlc = 1_000;
        for (EditOp op : inserts) {
            int gap = Math.floorMod(op.a(), positions.size() + 1);
            byte[] low = gap == 0 ? null : positions.get(gap - 1);
            byte[] high = gap == positions.size() ? null : positions.get(gap);
            byte[] made = ListPositions.between(low, high, ++hlc, 1 + op.value());
            if (low != null) {
                assertThat(ListPositions.compare(low, made)).isNegative();
            }
            if (high != null) {
                assertThat(ListPositions.compare(made, high)).isNegative();
            }
            positions.add(gap, made);
        }
    }
}
