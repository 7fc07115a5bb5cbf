package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link CellTable} against a plain map as its model. Tokens come from a handful of values, so
 * keys share segments and home slots: long probe runs, wrap-around at the table's end, growth
 * and the backward shift of removals are all exercised, which a well-mixed hash would rarely do.
 */
class CellTableProperties {

    /**
     * One step: 0 merge, 1 replace the stored cell, 2 remove it, 3 remove with a stale cell,
     * 4 make room in the key's segment for (key index × 5) more keys (changes nothing visible).
     */
    record Op(int kind, int key, Cell cell) {
    }

    @Property(tries = 300)
    void behavesAsAMapWithLastWriteWins(@ForAll("opLists") List<Op> ops,
                                        @ForAll @IntRange(min = 1, max = 40) int keySpace) {
        CellTable table = new CellTable();
        Map<ByteBuffer, Cell> model = new HashMap<>();
        List<String> changes = new ArrayList<>();
        table.listen((token, key, before, after) -> changes.add(new String(key) + ":" + before + "->" + after));
        for (Op op : ops) {
            byte[] key = keyOf(op.key() % keySpace);
            ByteBuffer k = ByteBuffer.wrap(key);
            Cell stored = model.get(k);
            int changesBefore = changes.size();
            boolean changed;
            switch (op.kind()) {
                case 0 -> {
                    changed = Cell.newer(stored, op.cell()) == op.cell();
                    assertThat(table.merge(tokenOf(key), key.clone(), op.cell()) != null).isEqualTo(changed);
                    if (changed) {
                        model.put(k, op.cell());
                    }
                }
                case 1 -> {
                    changed = stored != null;
                    assertThat(table.replace(tokenOf(key), key, stored, op.cell())).isEqualTo(changed);
                    if (changed) {
                        model.put(k, op.cell());
                    }
                }
                case 2 -> {
                    changed = stored != null;
                    assertThat(table.remove(tokenOf(key), key, stored)).isEqualTo(changed);
                    model.remove(k);
                }
                case 3 -> {
                    changed = false;
                    assertThat(table.remove(tokenOf(key), key, op.cell())).isFalse();
                }
                default -> {
                    changed = false;
                    table.reserve(CellTable.segmentIndex(tokenOf(key)), op.key() * 5);
                }
            }
            // One report per change, none for a write that lost.
            assertThat(changes.size() - changesBefore).isEqualTo(changed ? 1 : 0);
            assertSameContents(table, model, keySpace);
        }
    }

    private static void assertSameContents(CellTable table, Map<ByteBuffer, Cell> model, int keySpace) {
        assertThat(table.size()).isEqualTo(model.size());
        for (int i = 0; i < keySpace; i++) {
            byte[] key = keyOf(i);
            assertThat(table.get(tokenOf(key), key)).isSameAs(model.get(ByteBuffer.wrap(key)));
        }
        Map<ByteBuffer, Cell> visited = new HashMap<>();
        table.forEach((token, key, cell) -> {
            assertThat(token).isEqualTo(tokenOf(key));
            assertThat(visited.put(ByteBuffer.wrap(key), cell)).isNull();
        });
        assertThat(visited).isEqualTo(model);
        Map<ByteBuffer, Cell> iterated = new HashMap<>();
        for (Iterator<CellTable.Entry> it = table.iterator(); it.hasNext(); ) {
            CellTable.Entry e = it.next();
            assertThat(iterated.put(ByteBuffer.wrap(e.key()), e.cell())).isNull();
        }
        assertThat(iterated).isEqualTo(model);
    }

    @Test
    void growsPastManyKeysAndFindsEveryOne() {
        CellTable table = new CellTable();
        int keys = 200_000;
        for (int i = 0; i < keys; i++) {
            byte[] key = ("key:" + i).getBytes();
            assertThat(table.merge(spread(i), key, Cell.live(1, 1, key, Cell.NO_EXPIRY))).isNotNull();
        }
        assertThat(table.size()).isEqualTo(keys);
        for (int i = 0; i < keys; i++) {
            byte[] key = ("key:" + i).getBytes();
            assertThat(table.get(spread(i), key).value()).isEqualTo(key);
        }
        for (int i = 0; i < keys; i += 2) {
            byte[] key = ("key:" + i).getBytes();
            assertThat(table.remove(spread(i), key, table.get(spread(i), key))).isTrue();
        }
        assertThat(table.size()).isEqualTo(keys / 2);
        for (int i = 0; i < keys; i++) {
            byte[] key = ("key:" + i).getBytes();
            assertThat(table.get(spread(i), key) != null).isEqualTo(i % 2 == 1);
        }
    }

    /**
     * Writers on several threads merge versions of shared keys while readers look them up; in the
     * end every key holds its newest version, and no reader ever saw a key go back in time.
     */
    @Test
    void concurrentWritersKeepTheNewestCellAndReadersNeverGoBackwards() throws Exception {
        CellTable table = new CellTable();
        int keys = 5_000;
        int versionsPerWriter = 40;
        int writers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int node = w + 1;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int v = 1; v <= versionsPerWriter; v++) {
                        for (int k = 0; k < keys; k++) {
                            byte[] key = ("k" + k).getBytes();
                            table.merge(spread(k), key, Cell.live(v, node, key, Cell.NO_EXPIRY));
                        }
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                long[] newestSeen = new long[keys];
                long reads = 0;
                start.await();
                while (!work.stream().allMatch(Future::isDone) && reads < 50_000_000) {
                    int k = (int) (reads++ % keys);
                    Cell cell = table.get(spread(k), ("k" + k).getBytes());
                    long seen = cell == null ? 0 : cell.hlc() * 8 + cell.nodeId();
                    assertThat(seen).isGreaterThanOrEqualTo(newestSeen[k]);
                    newestSeen[k] = seen;
                }
                return reads;
            });
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(table.size()).isEqualTo(keys);
        for (int k = 0; k < keys; k++) {
            Cell cell = table.get(spread(k), ("k" + k).getBytes());
            assertThat(cell.hlc()).isEqualTo(versionsPerWriter);
            assertThat(cell.nodeId()).isEqualTo(writers);
        }
    }

    /** A few distinct tokens, differing in the bits that pick the segment and the home slot. */
    private static long tokenOf(byte[] key) {
        int k = key[key.length - 1] % 5;
        return ((long) k << 62) | (k * 3L);
    }

    /** A well-mixed token, as the partitioner's would be (a 64-bit finalizer of the index). */
    private static long spread(int i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] keyOf(int i) {
        return new byte[] {'k', (byte) i};
    }

    @Provide
    Arbitrary<List<Op>> opLists() {
        return ops().list().ofMaxSize(400);
    }

    private static Arbitrary<Op> ops() {
        Arbitrary<Cell> cells = Combinators.combine(Arbitraries.longs().between(1, 6), Arbitraries.integers().between(1, 3),
                        Arbitraries.of(true, false))
                .as((h, n, t) -> t ? Cell.tombstone(h, n) : Cell.live(h, n, new byte[] {(byte) (h * 7 + n)}, Cell.NO_EXPIRY));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 39), cells)
                .as(Op::new);
    }
}
