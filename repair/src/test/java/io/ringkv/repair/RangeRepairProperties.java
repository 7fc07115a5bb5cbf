package io.ringkv.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import io.ringkv.storage.StorageEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Two or three replicas share most cells and differ in random ones (missing keys, older versions,
 * deletes one side missed). One repair of every range makes them identical, and streams exactly
 * one cell per replica that was behind on a key: nothing more.
 */
class RangeRepairProperties {
    private static final int MAX_DEPTH = 12;

    @Property(tries = 30)
    void oneRepairMakesReplicasEqualAndStreamsOnlyTheDifferences(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 3) int replicaCount, @ForAll @IntRange(min = 0, max = 800) int shared,
            @ForAll @IntRange(min = 0, max = 60) int divergent) throws Exception {
        Random random = new Random(seed);
        List<TokenRange> ranges = Stores.ringRanges(3, 4);
        try (Replicas replicas = new Replicas(replicaCount)) {
            List<StorageEngine> engines = replicas.engines;
            long hlc = 1;
            for (int i = 0; i < shared; i++) {
                Cell cell = Cell.live(hlc++ << 16, 1, value(random), Cell.NO_EXPIRY);
                for (StorageEngine engine : engines) {
                    engine.write(key(i), cell);
                }
            }
            // Each divergent key: some replicas get a newer cell (a write or a delete), the rest miss it.
            for (int i = 0; i < divergent; i++) {
                byte[] key = key(random.nextInt(shared + divergent + 1));
                Cell cell = random.nextInt(3) == 0 ? Cell.tombstone(hlc++ << 16, 2)
                        : Cell.live(hlc++ << 16, 2, value(random), Cell.NO_EXPIRY);
                int holders = 1 + random.nextInt(replicaCount - 1);
                List<Integer> order = shuffled(replicaCount, random);
                for (int h = 0; h < holders; h++) {
                    engines.get(order.get(h)).write(key, cell);
                }
            }
            long behind = countBehind(engines);

            List<RepairPeer> peers = replicas.peers(ranges);
            long streamed = 0;
            long cellBytes = 0;
            long bytesSent = 0;
            for (TokenRange range : ranges) {
                RangeRepairResult result = new RangeRepair(range, peers, 10_000).run();
                streamed += result.cellsStreamed();
                cellBytes += result.cellBytes();
                bytesSent += result.bytesSent();
            }

            assertThat(streamed).isEqualTo(behind);
            assertThat(bytesSent).isGreaterThanOrEqualTo(cellBytes);
            Map<String, Cell> first = contents(engines.get(0));
            for (StorageEngine engine : engines) {
                assertThat(contents(engine)).isEqualTo(first);
            }
            // A second repair finds nothing left to do.
            for (TokenRange range : ranges) {
                assertThat(new RangeRepair(range, peers, 10_000).run().cellsStreamed()).isZero();
            }
        }
    }

    /**
     * Counters that diverged (each replica applied increments as the owner of its own share, and
     * some replicas missed some of the others' deltas) are merged both ways by one repair: every
     * replica ends with equal cells, each counter is the exact sum of all its increments, and a
     * second repair finds nothing to do.
     */
    @Property(tries = 20)
    void oneRepairMergesDivergedCountersBothWays(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int replicaCount,
            @ForAll @IntRange(min = 1, max = 300) int counters) throws Exception {
        Random random = new Random(seed);
        List<TokenRange> ranges = Stores.ringRanges(3, 4);
        try (Replicas replicas = new Replicas(replicaCount)) {
            List<StorageEngine> engines = replicas.engines;
            AtomicLong clock = replicas.clock;
            Map<String, Long> sums = new HashMap<>();
            long hlc = 1;
            for (int i = 0; i < counters * 3; i++) {
                int c = random.nextInt(counters);
                byte[] key = key(c);
                int owner = random.nextInt(replicaCount);
                long amount = random.nextInt(2001) - 1000;
                Cell delta = io.ringkv.storage.types.counter.CounterIncrement.apply(engines.get(owner).read(key), amount,
                        new io.ringkv.storage.types.Dot(hlc++ << 16, owner + 1), clock.get()).delta();
                engines.get(owner).write(key, delta);
                for (int r = 0; r < replicaCount; r++) {
                    if (r != owner && random.nextInt(3) > 0) {
                        engines.get(r).write(key, delta);
                    }
                }
                sums.merge("key:" + c, amount, Long::sum);
            }

            List<RepairPeer> peers = replicas.peers(ranges);
            for (TokenRange range : ranges) {
                new RangeRepair(range, peers, 10_000).run();
            }

            Map<String, Cell> first = contents(engines.get(0));
            for (StorageEngine engine : engines) {
                assertThat(contents(engine)).isEqualTo(first);
            }
            sums.forEach((key, sum) -> assertThat(io.ringkv.storage.types.counter.CounterState.of(first.get(key)).value())
                    .as(key).isEqualTo(sum));
            for (TokenRange range : ranges) {
                assertThat(new RangeRepair(range, peers, 10_000).run().cellsStreamed()).isZero();
            }
        }
    }

    /** Two or three replicas' stores in temporary directories, sharing one clock; closing deletes them. */
    private static final class Replicas implements AutoCloseable {
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        final List<StorageEngine> engines = new ArrayList<>();
        private final List<Path> dirs = new ArrayList<>();

        Replicas(int count) throws Exception {
            for (int r = 0; r < count; r++) {
                dirs.add(Stores.tempDir());
                engines.add(Stores.open(dirs.get(r), clock));
            }
        }

        /** Replica 1 is local to the session, the others answer through their message encoding. */
        List<RepairPeer> peers(List<TokenRange> ranges) {
            List<RepairPeer> peers = new ArrayList<>();
            for (int r = 0; r < engines.size(); r++) {
                LocalRepairPeer local = new LocalRepairPeer(r + 1, engines.get(r), new RangeTrees(engines.get(r), MAX_DEPTH),
                        () -> ranges);
                peers.add(r == 0 ? local : new OverTheWire(local));
            }
            return peers;
        }

        @Override
        public void close() throws Exception {
            for (StorageEngine engine : engines) {
                engine.close();
            }
            for (Path dir : dirs) {
                Stores.delete(dir);
            }
        }
    }

    /** For every key, how many replicas hold an older cell than the newest one (or none). */
    private static long countBehind(List<StorageEngine> engines) {
        Set<String> keys = new HashSet<>();
        for (StorageEngine engine : engines) {
            keys.addAll(contents(engine).keySet());
        }
        long behind = 0;
        for (String key : keys) {
            Cell newest = null;
            for (StorageEngine engine : engines) {
                newest = Cell.newer(newest, engine.read(key.getBytes(StandardCharsets.UTF_8)));
            }
            for (StorageEngine engine : engines) {
                Cell held = engine.read(key.getBytes(StandardCharsets.UTF_8));
                if (held == null || held.compareVersion(newest) < 0) {
                    behind++;
                }
            }
        }
        return behind;
    }

    private static Map<String, Cell> contents(StorageEngine engine) {
        Map<String, Cell> out = new HashMap<>();
        engine.visit((token, key, cell) -> out.put(new String(key, StandardCharsets.UTF_8), cell));
        return out;
    }

    private static List<Integer> shuffled(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        return order;
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[1 + random.nextInt(40)];
        random.nextBytes(value);
        return value;
    }
}
