package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageEngineTest {
    private static final long GC_GRACE_MS = 10_000;

    @TempDir
    Path dir;

    private final AtomicLong clockMs = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong versions = new AtomicLong(HybridClock.timestamp(1_700_000_000_000L, 0));
    private StorageEngine engine;

    @AfterEach
    void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    private StorageEngine open(AppendFsync fsync) throws IOException {
        return open(fsync, false);
    }

    private StorageEngine open(AppendFsync fsync, boolean repairAof) throws IOException {
        engine = StorageEngine.open(new StorageConfig(dir, fsync, GC_GRACE_MS, 3_600_000,
                key -> Hashing.murmur3_128(0).hashBytes(key).asLong(), clockMs::get, repairAof));
        return engine;
    }

    private void reopen(AppendFsync fsync) throws IOException {
        engine.close();
        engine = null;
        open(fsync);
    }

    private Cell live(String value) {
        return Cell.live(versions.incrementAndGet(), 1, bytes(value), Cell.NO_EXPIRY);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String valueOf(String key) {
        Cell cell = engine.read(bytes(key));
        return cell == null || cell.isTombstone() ? null : new String(cell.value(), StandardCharsets.UTF_8);
    }

    @Test
    void cellsSurviveACleanRestart() throws Exception {
        open(AppendFsync.EVERYSEC);
        engine.write(bytes("a"), live("1")).join();
        engine.write(bytes("a"), live("2")).join();
        engine.write(bytes("b"), live("x")).join();
        engine.write(bytes("b"), Cell.tombstone(versions.incrementAndGet(), 1)).join();

        reopen(AppendFsync.EVERYSEC);

        assertThat(valueOf("a")).isEqualTo("2");
        assertThat(engine.read(bytes("b")).isTombstone()).isTrue();
        assertThat(engine.recoveryReport().aofRecords()).isEqualTo(4);
    }

    /** FLUSHALL's truncation: what came before is gone, durably, and stays gone when old writes arrive late. */
    @Test
    void aTruncationRemovesOlderWritesKeepsNewerOnesAndSurvivesARestart() throws Exception {
        open(AppendFsync.ALWAYS);
        Cell early = live("old");
        engine.write(bytes("a"), early).join();
        engine.write(bytes("b"), live("old")).join();
        Cell oldHashField = io.ringkv.storage.types.hash.HashEdits.set(null, java.util.List.of(bytes("f"), bytes("1")),
                new io.ringkv.storage.types.Dot(versions.incrementAndGet(), 1), clockMs.get()).delta();
        engine.write(bytes("h"), oldHashField).join();
        long flushedAt = versions.incrementAndGet();
        Cell newHashField = io.ringkv.storage.types.hash.HashEdits.set(engine.read(bytes("h")), java.util.List.of(bytes("g"),
                bytes("2")), new io.ringkv.storage.types.Dot(versions.incrementAndGet(), 2), clockMs.get()).delta();
        Cell later = live("new");
        engine.write(bytes("b"), later).join();

        assertThat(engine.truncate(flushedAt, 1)).isTrue();
        engine.write(bytes("h"), newHashField).join();
        assertThat(engine.read(bytes("a"))).as("no tombstone left behind").isNull();
        assertThat(valueOf("b")).isEqualTo("new");
        assertThat(engine.write(bytes("a"), early).join()).as("an old write arriving late (a hint)").isFalse();
        assertThat(engine.read(bytes("a"))).isNull();
        assertThat(engine.truncate(flushedAt - 1, 1)).as("an older truncation changes nothing").isFalse();
        io.ringkv.storage.types.hash.HashState hash = io.ringkv.storage.types.hash.HashState.of(engine.read(bytes("h")));
        assertThat(hash.get(bytes("f"))).as("a field written before").isNull();
        assertThat(hash.get(bytes("g"))).as("a field written after").isEqualTo(bytes("2"));

        reopen(AppendFsync.ALWAYS);
        assertThat(engine.read(bytes("a"))).as("the AOF's old records do not come back").isNull();
        assertThat(valueOf("b")).isEqualTo("new");
        assertThat(io.ringkv.storage.types.hash.HashState.of(engine.read(bytes("h"))).size()).isEqualTo(1);
        assertThat(engine.truncatedAt().hlc()).isEqualTo(flushedAt);
    }

    @Test
    void anOlderVersionLosesAndIsNotLogged() throws Exception {
        open(AppendFsync.ALWAYS);
        Cell newer = live("new");
        Cell older = Cell.live(newer.hlc() - 1, 1, bytes("old"), Cell.NO_EXPIRY);
        assertThat(engine.write(bytes("k"), newer).join()).isTrue();
        assertThat(engine.write(bytes("k"), older).join()).isFalse();
        assertThat(valueOf("k")).isEqualTo("new");
        assertThat(engine.stats().aofRecords()).isEqualTo(1);
    }

    @Test
    void concurrentWritersShareFsyncsAtAlways() throws Exception {
        open(AppendFsync.ALWAYS);
        int writers = 50;
        int perWriter = 100;
        onThreads(writers, writer -> {
            for (int i = 0; i < perWriter; i++) {
                engine.write(bytes("w" + writer + ":" + i), live("v")).join();
            }
        });
        long writes = (long) writers * perWriter;
        assertThat(engine.stats().aofRecords()).isEqualTo(writes);
        assertThat(engine.stats().fsyncs()).isLessThan(writes);
    }

    /**
     * Event loops write their own records at the end of each iteration, and one that finds
     * another's write under way leaves its records to it: every record still reaches the file
     * once, whole, and every write's future completes.
     */
    @Test
    void loopsFlushingAtOnceWriteEveryRecordOnce() throws Exception {
        open(AppendFsync.EVERYSEC);
        int loops = 4;
        int perLoop = 5_000;
        List<CompletableFuture<Boolean>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        onThreads(loops, loop -> {
            for (int i = 0; i < perLoop; i++) {
                writes.add(engine.write(bytes("l" + loop + ":" + i), live("v" + i), true));
                if (i % 7 == 6) {
                    engine.flushWrites();
                }
            }
            engine.flushWrites();
        });
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(writes).hasSize(loops * perLoop).allMatch(CompletableFuture::join);
        assertThat(engine.stats().aofRecords()).isEqualTo((long) loops * perLoop);
        reopen(AppendFsync.EVERYSEC);
        assertThat(engine.recoveryReport().aofRecords()).isEqualTo((long) loops * perLoop);
        for (int l = 0; l < loops; l++) {
            for (int i = 0; i < perLoop; i += 97) {
                assertThat(valueOf("l" + l + ":" + i)).isEqualTo("v" + i);
            }
        }
    }

    /** Runs {@code body(thread index)} on {@code threads} threads at once; fails if one throws or takes over 60 s. */
    private static void onThreads(int threads, java.util.function.IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(CompletableFuture.runAsync(() -> body.accept(thread), pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A transaction's writes to this replica: one AOF record, back whole after a restart, or not at all when torn. */
    @Test
    void aBatchIsOneRecordRestoredWholeOrNotAtAll() throws Exception {
        open(AppendFsync.ALWAYS);
        engine.write(bytes("a"), live("before")).join();
        engine.write(bytes("c"), live("newer")).join();
        Cell stale = Cell.live(1, 1, bytes("too old"), Cell.NO_EXPIRY);
        assertThat(engine.writeAll(List.of(bytes("a"), bytes("b"), bytes("c")), List.of(live("1"), live("2"), stale), false)
                .join()).isTrue();
        assertThat(engine.stats().aofRecords()).as("one for each write, one for the batch").isEqualTo(3);
        assertThat(valueOf("a")).isEqualTo("1");
        assertThat(valueOf("c")).as("a cell that loses its merge is left out").isEqualTo("newer");
        assertThat(engine.writeAll(List.of(bytes("c")), List.of(stale), false).join()).as("nothing changed").isFalse();

        reopen(AppendFsync.ALWAYS);
        assertThat(valueOf("a")).isEqualTo("1");
        assertThat(valueOf("b")).isEqualTo("2");
        assertThat(engine.recoveryReport().aofRecords()).isEqualTo(3);

        engine.writeAll(List.of(bytes("a"), bytes("b")), List.of(live("3"), live("4")), false).join();
        engine.close();
        engine = null;
        // The reopen started the second generation; the batch is its only record.
        Path aof = AppendOnlyFile.fileOf(dir, 2);
        try (FileChannel channel = FileChannel.open(aof, StandardOpenOption.WRITE)) {
            // Cut inside the batch record, after the bytes of its first cell.
            channel.truncate(Files.size(aof) - 5);
        }
        open(AppendFsync.ALWAYS);
        assertThat(List.of(valueOf("a"), valueOf("b"))).as("neither of the torn batch's cells").containsExactly("1", "2");
    }

    /** Readers on other threads see each batch whole: never one of its keys changed and the other not. */
    @Test
    void aReadNeverSeesPartOfABatch() throws Exception {
        open(AppendFsync.NO);
        int batches = 2_000;
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong torn = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                // "y" is read after "x", and the batch writes both with the same value: "y" may
                // only be ahead of "x" (a later batch came between), never behind.
                String x = valueOf("x");
                String y = valueOf("y");
                long seenX = x == null ? -1 : Long.parseLong(x);
                long seenY = y == null ? -1 : Long.parseLong(y);
                if (seenY < seenX) {
                    torn.incrementAndGet();
                }
                checks.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < batches; i++) {
                engine.writeAll(List.of(bytes("y"), bytes("x")), List.of(live(Integer.toString(i)), live(Integer.toString(i))),
                        false);
            }
        } finally {
            writing.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(checks.get()).isPositive();
        assertThat(torn.get()).isZero();
        assertThat(valueOf("x")).isEqualTo(Integer.toString(batches - 1));
    }

    @Test
    void aTornLastRecordIsTruncatedAndEarlierRecordsKept() throws Exception {
        open(AppendFsync.ALWAYS);
        engine.write(bytes("first"), live("1")).join();
        engine.write(bytes("second"), live("2")).join();
        engine.close();
        engine = null;
        Path aof = onlyFile("aof.");
        long fullSize = Files.size(aof);
        try (FileChannel channel = FileChannel.open(aof, StandardOpenOption.WRITE)) {
            channel.truncate(fullSize - 3);
        }

        open(AppendFsync.ALWAYS);

        assertThat(valueOf("first")).isEqualTo("1");
        assertThat(valueOf("second")).isNull();
        assertThat(engine.recoveryReport().truncatedBytes()).isPositive();
    }

    @Test
    void corruptionInTheMiddleRefusesToStartNamingFileAndOffset() throws Exception {
        open(AppendFsync.ALWAYS);
        for (int i = 0; i < 10; i++) {
            engine.write(bytes("key" + i), live("value" + i)).join();
        }
        engine.close();
        engine = null;
        Path aof = onlyFile("aof.");
        long recordSize = Files.size(aof) / 10;
        flipByte(aof, recordSize * 4 + 12);

        assertThatThrownBy(() -> open(AppendFsync.ALWAYS))
                .isInstanceOf(AofCorruptedException.class)
                .hasMessageContaining(aof.toString())
                .hasMessageContaining("offset " + recordSize * 4);

        open(AppendFsync.ALWAYS, true);
        assertThat(valueOf("key3")).isEqualTo("value3");
        assertThat(valueOf("key4")).isNull();
    }

    @Test
    void aSnapshotTakenDuringWritesLosesNothingAndReplacesOldGenerations() throws Exception {
        open(AppendFsync.EVERYSEC);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        CompletableFuture<SnapshotInfo> snapshot = new CompletableFuture<>();
        try {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String key = "w" + writer + ":" + (i % 500);
                        engine.write(bytes(key), live("v" + i)).join();
                        acknowledged.put(key, "v" + i);
                        if (writer == 0 && i == 2_000) {
                            engine.snapshot().whenComplete((info, e) -> {
                                if (e != null) {
                                    snapshot.completeExceptionally(e);
                                } else {
                                    snapshot.complete(info);
                                }
                            });
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(snapshot.get(60, TimeUnit.SECONDS).cells()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        reopen(AppendFsync.EVERYSEC);

        acknowledged.forEach((key, value) -> assertThat(valueOf(key)).as(key).isEqualTo(value));
        assertThat(engine.recoveryReport().snapshotCells()).isPositive();
        assertThat(filesStartingWith("aof.")).allSatisfy(p ->
                assertThat(generationOf(p)).isGreaterThanOrEqualTo(generationOf(onlyFile("snapshot."))));
    }

    @Test
    void rangeIteratesInTokenOrderAndWrapsAroundTheRing() throws Exception {
        open(AppendFsync.NO);
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            engine.write(bytes("k" + i), live("v")).join();
        }
        // (MAX, MAX] is the whole ring, starting just after MAX, at MIN.
        for (Iterator<Map.Entry<byte[], Cell>> it = engine.range(Long.MAX_VALUE, Long.MAX_VALUE); it.hasNext(); ) {
            tokens.add(Hashing.murmur3_128(0).hashBytes(it.next().getKey()).asLong());
        }
        assertThat(tokens).hasSize(200).isSorted();

        long start = tokens.get(150);
        long end = tokens.get(20);
        List<Long> wrapped = new ArrayList<>();
        engine.range(start, end).forEachRemaining(e -> wrapped.add(Hashing.murmur3_128(0).hashBytes(e.getKey()).asLong()));
        List<Long> expected = new ArrayList<>(tokens.subList(151, 200));
        expected.addAll(tokens.subList(0, 21));
        assertThat(wrapped).isEqualTo(expected);

        List<Long> inner = new ArrayList<>();
        engine.range(tokens.get(10), tokens.get(30)).forEachRemaining(e ->
                inner.add(Hashing.murmur3_128(0).hashBytes(e.getKey()).asLong()));
        assertThat(inner).isEqualTo(tokens.subList(11, 31));
    }

    @Test
    void expiredCellsAreInvisibleAtOnceThenSweptThenPurgedAfterGcGrace() throws Exception {
        open(AppendFsync.NO);
        long now = clockMs.get();
        engine.write(bytes("ttl"), Cell.live(versions.incrementAndGet(), 1, bytes("v"), now + 1_000)).join();
        engine.write(bytes("gone"), Cell.tombstone(HybridClock.timestamp(now, 0) + 5, 1)).join();
        assertThat(engine.read(bytes("ttl")).isLiveAt(clockMs.get())).isTrue();

        clockMs.addAndGet(1_000);
        assertThat(engine.read(bytes("ttl")).isLiveAt(clockMs.get())).isFalse();
        engine.sweepNow();
        assertThat(engine.read(bytes("ttl")).isTombstone()).isTrue();
        assertThat(engine.size()).isEqualTo(2);

        clockMs.addAndGet(GC_GRACE_MS);
        engine.sweepNow();
        assertThat(engine.read(bytes("ttl"))).isNull();
        assertThat(engine.read(bytes("gone"))).isNull();
        assertThat(engine.size()).isZero();
    }

    /** A hash's removed fields stay (so a replica that missed the HDEL cannot bring them back) until gc grace ends. */
    @Test
    void removedHashFieldsArePurgedAfterGcGrace() throws Exception {
        open(AppendFsync.NO);
        long now = clockMs.get();
        io.ringkv.storage.types.Dot set = new io.ringkv.storage.types.Dot(HybridClock.timestamp(now, 0) + 1, 1);
        Cell hash = io.ringkv.storage.types.hash.HashEdits.set(null, List.of(bytes("a"), bytes("1"), bytes("b"), bytes("2")),
                set, now).delta();
        engine.write(bytes("h"), hash).join();
        io.ringkv.storage.types.Dot removal = new io.ringkv.storage.types.Dot(HybridClock.timestamp(now, 0) + 2, 1);
        engine.write(bytes("h"), io.ringkv.storage.types.hash.HashEdits.delete(engine.read(bytes("h")), List.of(bytes("a")),
                removal, now).delta()).join();
        String before = engine.read(bytes("h")).toString();
        assertThat(before).contains("removed by");

        assertThat(engine.purgeInsideValuesNow()).as("nothing is older than gc grace yet").isZero();
        clockMs.addAndGet(GC_GRACE_MS + 1);
        assertThat(engine.purgeInsideValuesNow()).isEqualTo(1);
        Cell after = engine.read(bytes("h"));
        assertThat(after.toString()).doesNotContain("removed by");
        var state = io.ringkv.storage.types.hash.HashState.of(after);
        assertThat(state.get(bytes("b"))).isEqualTo(bytes("2"));
        assertThat(state.get(bytes("a"))).isNull();
        assertThat(engine.purgeInsideValuesNow()).isZero();
    }

    private Path onlyFile(String prefix) throws IOException {
        List<Path> files = filesStartingWith(prefix);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private List<Path> filesStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && !p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static long generationOf(Path file) {
        return Long.parseLong(file.getFileName().toString().split("\\.")[1]);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) ~one.get(0));
            one.rewind();
            channel.write(one, offset);
        }
    }

    @Test
    void paxosStateSurvivesARestartAndASnapshot() throws Exception {
        open(AppendFsync.ALWAYS);
        byte[] key = bytes("strong-key");
        PaxosState promisedOnly = new PaxosState(new Ballot(10, 2), Ballot.NONE, null, Ballot.NONE);
        PaxosState accepted = new PaxosState(new Ballot(12, 3), new Ballot(12, 3), live("proposed"), new Ballot(9, 1));
        assertThat(engine.writePaxosState(key, promisedOnly).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.writePaxosState(key, accepted).get(5, TimeUnit.SECONDS)).isTrue();
        engine.write(bytes("plain"), live("v")).get(5, TimeUnit.SECONDS);
        reopen(AppendFsync.ALWAYS);
        assertThat(engine.paxosState(key)).as("the last state written wins on replay").isEqualTo(accepted);
        assertThat(engine.paxosState(bytes("plain"))).isEqualTo(PaxosState.EMPTY);
        assertThat(engine.paxosKeys()).isEqualTo(1);

        engine.snapshot().get(10, TimeUnit.SECONDS);
        PaxosState committed = new PaxosState(new Ballot(12, 3), Ballot.NONE, null, new Ballot(12, 3));
        engine.writePaxosState(bytes("other"), committed).get(5, TimeUnit.SECONDS);
        reopen(AppendFsync.ALWAYS);
        assertThat(engine.paxosState(key)).as("from the snapshot").isEqualTo(accepted);
        assertThat(engine.paxosState(bytes("other"))).as("from the AOF after the snapshot").isEqualTo(committed);
        assertThat(valueOf("plain")).isEqualTo("v");
    }
}
