package io.ringkv.storage.types.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.types.Dot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PackedFieldMap} against a sorted map of fields: every kind of entry (pushed, popped, whole
 * fields with other names, other dots, or counter shares), put anywhere, replaced, and read by
 * name, by live index and in order; a map held before a write is unchanged by it.
 */
class PackedFieldMapProperties {
    enum Kind { PUSHED_HEAD, PUSHED_TAIL, POPPED, OTHER_DOT, COMMAND_DOT, POPPED_COMMAND_DOT, LONG_NAME, COUNTED, NEVER_SET_COUNTER, BIG_VALUE }

    record Op(Kind kind, int slot, int node, int length) {
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 3_000),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 40)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(1_500);
    }

    @Property(tries = 120)
    void matchesASortedMap(@ForAll("histories") List<Op> history) {
        TreeMap<byte[], Field> model = new TreeMap<>(Arrays::compareUnsigned);
        FieldMap map = PackedFieldMap.EMPTY;
        FieldMap snapshot = null;
        List<Field> snapshotFields = null;
        long hlc = 5_000;
        for (Op op : history) {
            hlc += 1 + op.length();
            Field field = fieldFor(op, hlc);
            Field replaced = model.get(field.name());
            map = map.put(field, replaced);
            model.put(field.name(), field);
            if (snapshot == null && model.size() > history.size() / 2) {
                snapshot = map;
                snapshotFields = new ArrayList<>(model.values());
            }
        }
        check((PackedFieldMap) map, model);
        if (snapshot != null) {
            assertThat(namesOf(snapshot)).as("a map held before later writes is unchanged")
                    .containsExactlyElementsOf(namesOf(snapshotFields));
        }
        check(PackedFieldMap.ofSorted(new ArrayList<>(model.values())), model);
    }

    /** Appends at the tail and pushes at the head, 1,000 elements to a command (one dot), enough for three levels of branches. */
    @Example
    void aMillionishPushesKeepTheirOrderAndIndexes() {
        TreeMap<byte[], Field> model = new TreeMap<>(Arrays::compareUnsigned);
        FieldMap map = PackedFieldMap.EMPTY;
        long hlc = 1L << 40;
        for (int i = 0; i < 300_000; i++) {
            hlc++;
            boolean head = i / 1_000 % 3 == 0;
            Dot command = new Dot(hlc - i % 1_000, 1 + i / 1_000 % 2);
            byte[] name = io.ringkv.storage.types.PositionDigit.of(head ? -hlc : hlc, command.node());
            Field field = Field.set(name, command, String.format("f:%012d", i).getBytes());
            map = map.put(field, null);
            model.put(name, field);
        }
        PackedFieldMap packed = (PackedFieldMap) map;
        assertThat(packed.size()).isEqualTo(model.size());
        List<byte[]> names = new ArrayList<>(model.keySet());
        Random random = new Random(7);
        for (int t = 0; t < 2_000; t++) {
            int i = random.nextInt(names.size());
            assertThat(packed.liveNameAt(i)).isEqualTo(names.get(i));
            assertThat(packed.liveIndexOf(names.get(i))).isEqualTo(i);
            assertThat(packed.get(names.get(i)).sameAs(model.get(names.get(i)))).isTrue();
        }
        // 12-byte positions, one dot per command and 14-byte values: 17 bytes an element (a field's own array is 36).
        assertThat(packed.runBytes() / (double) packed.size()).isLessThan(18.0);
    }

    private static Field fieldFor(Op op, long hlc) {
        int slot = op.slot();
        byte[] tail = io.ringkv.storage.types.PositionDigit.of(1_000 + slot, op.node());
        byte[] value = ("v" + slot + "-" + hlc).getBytes();
        return switch (op.kind()) {
            case PUSHED_HEAD -> Field.set(io.ringkv.storage.types.PositionDigit.of(-(1_000 + slot), op.node()), new Dot(1_000 + slot, op.node()), value);
            case PUSHED_TAIL -> Field.set(tail, new Dot(1_000 + slot, op.node()), value);
            case POPPED -> Field.removed(tail, new Dot(1_000 + slot, op.node()), new Dot(hlc, 3));
            case OTHER_DOT -> Field.set(tail, new Dot(hlc, op.node()), value);
            case COMMAND_DOT -> Field.set(tail, new Dot(hlc - hlc % 200 + 1, 3), value);
            case POPPED_COMMAND_DOT -> Field.removed(tail, new Dot(hlc - hlc % 200 + 1, 3), new Dot(hlc + 7, 1));
            case LONG_NAME -> Field.set(concat(tail, io.ringkv.storage.types.PositionDigit.of(slot, 2)), new Dot(hlc, 2), value);
            case COUNTED -> Field.incremented(Field.set(tail, new Dot(1_000 + slot, op.node()), "5".getBytes()), tail, 2,
                    BigDecimal.valueOf(op.length()), new Dot(hlc, 2));
            case NEVER_SET_COUNTER -> Field.incremented(null, concat(tail, new byte[] {1}), 1, BigDecimal.ONE, new Dot(hlc, 1));
            case BIG_VALUE -> Field.set(tail, new Dot(1_000 + slot, op.node()), new byte[600 + op.length() * 20]);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void check(PackedFieldMap map, TreeMap<byte[], Field> model) {
        assertThat(map.size()).isEqualTo(model.size());
        List<Field> inOrder = new ArrayList<>();
        map.forEach(inOrder::add);
        assertThat(namesOf(inOrder)).containsExactlyElementsOf(namesOf(new ArrayList<>(model.values())));
        List<byte[]> live = new ArrayList<>();
        int i = 0;
        for (Field expected : model.values()) {
            Field held = inOrder.get(i++);
            assertThat(held.sameAs(expected)).as("%s held as %s", expected, held).isTrue();
            assertThat(map.get(expected.name()).sameAs(expected)).isTrue();
            if (!expected.isRemoved()) {
                live.add(expected.name());
            }
        }
        assertThat(map.live()).isEqualTo(live.size());
        for (int at = 0; at < live.size(); at++) {
            assertThat(map.liveNameAt(at)).isEqualTo(live.get(at));
            assertThat(map.liveIndexOf(live.get(at))).isEqualTo(at);
        }
        Random random = new Random(live.size());
        for (int t = 0; t < 5; t++) {
            int from = random.nextInt(live.size() + 1);
            int count = random.nextInt(300);
            List<String> walked = namesOf(map.liveFields(from, count));
            List<String> expected = live.subList(from, Math.min(live.size(), from + count)).stream().map(Arrays::toString).toList();
            assertThat(walked).as("live fields %d..+%d in one walk", from, count).isEqualTo(expected);
        }
        for (Field expected : model.values()) {
            if (expected.isRemoved()) {
                int rank = (int) live.stream().filter(name -> Arrays.compareUnsigned(name, expected.name()) < 0).count();
                assertThat(map.liveIndexOf(expected.name())).isEqualTo(-rank - 1);
            }
        }
        byte[] absent = io.ringkv.storage.types.PositionDigit.of(999, 1);
        assertThat(map.get(absent)).isNull();
        if (!model.isEmpty()) {
            Field picked = map.randomPick(new Random(model.size()));
            assertThat(model.get(picked.name()).sameAs(picked)).isTrue();
        }
    }

    private static List<String> namesOf(Iterable<Field> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(field -> names.add(Arrays.toString(field.name())));
        return names;
    }
}
