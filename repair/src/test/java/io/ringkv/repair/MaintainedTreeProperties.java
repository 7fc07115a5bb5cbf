package io.ringkv.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import io.ringkv.storage.StorageEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The trees a node maintains write by write equal trees rebuilt from the data by a full scan,
 * whatever mix of writes, overwrites, deletes, expiries, sweeps, purges and restarts came before.
 */
class MaintainedTreeProperties {
    private static final int MAX_DEPTH = 10;

    @Property(tries = 40)
    void maintainedTreesEqualAFullRebuild(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int operations)
            throws Exception {
        Random random = new Random(seed);
        List<TokenRange> ranges = Stores.ringRanges(1 + random.nextInt(5), 4);
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Path dir = Stores.tempDir();
        long hlc = 1;
        try {
            StorageEngine engine = Stores.open(dir, clock);
            RangeTrees trees = new RangeTrees(engine, MAX_DEPTH);
            trees.rebuild(ranges);
            for (int i = 0; i < operations; i++) {
                byte[] key = ("k" + random.nextInt(150)).getBytes(StandardCharsets.UTF_8);
                int action = random.nextInt(100);
                if (action < 55) {
                    long expiry = random.nextInt(4) == 0 ? clock.get() + 1 + random.nextInt(2000) : Cell.NO_EXPIRY;
                    engine.write(key, Cell.live(hlc++ << 16, 1 + random.nextInt(3), value(random), expiry));
                } else if (action < 70) {
                    engine.write(key, Cell.tombstone(hlc++ << 16, 1 + random.nextInt(3)));
                } else if (action < 80) {
                    // An old version arriving late loses and must not change the tree.
                    engine.write(key, Cell.live(1 + random.nextInt((int) hlc) << 16, 9, value(random), Cell.NO_EXPIRY));
                } else if (action < 95) {
                    clock.addAndGet(random.nextInt(Stores.GC_GRACE_MS > 0 ? 30_000 : 1));
                    engine.sweepNow();
                } else {
                    engine.close();
                    engine = Stores.open(dir, clock);
                    trees = new RangeTrees(engine, MAX_DEPTH);
                    trees.rebuild(ranges);
                }
            }
            RangeTrees.Forest maintained = trees.current().orElseThrow();
            assertThat(maintained.sameAs(trees.scanFresh())).isTrue();
            // Every stored key is in its tree's key list, so repair can list leaves without a scan.
            engine.visit((token, key, cell) -> assertThat(java.util.Arrays.stream(maintained.treeOf(token).keys().snapshot())
                    .anyMatch(listed -> java.util.Arrays.equals(listed, key))).isTrue());
            engine.close();
        } finally {
            Stores.delete(dir);
        }
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[1 + random.nextInt(20)];
        random.nextBytes(value);
        return value;
    }
}
