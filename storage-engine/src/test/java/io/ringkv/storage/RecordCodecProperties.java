package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The AOF record codec round-trips, and damaged input is classified, never trusted or crashed on. */
class RecordCodecProperties {

    @Property(tries = 200)
    void recordsRoundTrip(@ForAll("entries") @Size(max = 20) List<RecordCodec.Decoded> entries) throws IOException {
        Path file = write(entries);
        try {
            assertThat(readAll(file)).usingRecursiveFieldByFieldElementComparator().isEqualTo(entries);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void aFlippedBitIsDetected(@ForAll("entries") @Size(min = 1, max = 5) List<RecordCodec.Decoded> entries,
                               @ForAll @IntRange(min = 0, max = 1_000_000) int position,
                               @ForAll @IntRange(min = 0, max = 7) int bit) throws IOException {
        byte[] bytes = encode(entries);
        int index = position % bytes.length;
        bytes[index] ^= (byte) (1 << bit);
        Path file = Files.createTempFile("codec", ".log");
        Files.write(file, bytes);
        try (RecordReader reader = new RecordReader(file, 0)) {
            int good = 0;
            RecordReader.Outcome outcome;
            while ((outcome = reader.next()) == RecordReader.Outcome.RECORD) {
                good++;
            }
            // The damaged record and everything after it are never returned as good records.
            assertThat(outcome).isIn(RecordReader.Outcome.TORN, RecordReader.Outcome.CORRUPT);
            assertThat(good).isLessThan(entries.size());
        } finally {
            Files.delete(file);
        }
    }

    /** A record whose CRC matches but whose value type this build does not know is corrupt, not a string. */
    @net.jqwik.api.Example
    void anUnknownValueTypeIsCorrupt() throws IOException {
        byte[] key = "k".getBytes();
        byte[] record = RecordCodec.encode(key, Cell.live(5, 1, "v".getBytes(), Cell.NO_EXPIRY));
        // [length(4)][crc(4)] then the payload: record type(1), key length(1), key, hlc(8), node(4), flags(1).
        int payloadStart = 8;
        int flags = payloadStart + 1 + 1 + key.length + 8 + 4;
        record[flags] = (byte) (99 << 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(record, payloadStart, record.length - payloadStart);
        ByteBuffer.wrap(record).putInt(4, (int) crc.getValue());
        Path file = Files.createTempFile("unknown-type", ".log");
        Files.write(file, record);
        try (RecordReader reader = new RecordReader(file, 0)) {
            assertThat(reader.next()).isEqualTo(RecordReader.Outcome.CORRUPT);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 300)
    void garbageIsClassifiedWithoutHugeAllocations(@ForAll @Size(max = 2048) byte[] garbage) throws IOException {
        Path file = Files.createTempFile("garbage", ".log");
        Files.write(file, garbage);
        try (RecordReader reader = new RecordReader(file, 0)) {
            for (int i = 0; i < 10_000; i++) {
                RecordReader.Outcome outcome = reader.next();
                if (outcome != RecordReader.Outcome.RECORD) {
                    assertThat(reader.recordOffset()).isBetween(0L, (long) garbage.length);
                    return;
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 50)
    void aTruncatedStreamEndsTorn(@ForAll("entries") @Size(min = 1, max = 5) List<RecordCodec.Decoded> entries,
                                  @ForAll @IntRange(min = 1, max = 1_000_000) int cut) throws IOException {
        byte[] bytes = encode(entries);
        int keep = bytes.length - 1 - (cut % (bytes.length - 1));
        Path file = Files.createTempFile("torn", ".log");
        Files.write(file, java.util.Arrays.copyOf(bytes, keep));
        try (RecordReader reader = new RecordReader(file, 0)) {
            RecordReader.Outcome outcome;
            do {
                outcome = reader.next();
            } while (outcome == RecordReader.Outcome.RECORD);
            assertThat(outcome).isIn(RecordReader.Outcome.TORN, RecordReader.Outcome.END);
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<RecordCodec.Decoded>> entries() {
        Arbitrary<byte[]> key = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Long> hlc = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Long> expiry = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<RecordCodec.Decoded> cellEntry = Combinators.combine(key, value, hlc, expiry, Arbitraries.of(true, false))
                .as((k, v, h, e, tombstone) -> new RecordCodec.Decoded(k,
                        tombstone ? Cell.tombstone(h, 3) : Cell.live(h, 3, v, e)));
        // Typed cells too: a counter made by increments at three owners, with or without an expiry.
        Arbitrary<Cell> counter = Combinators.combine(Arbitraries.longs().list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 2), expiry).as((amounts, h, e) -> {
            Cell cell = null;
            for (int i = 0; i < amounts.size(); i++) {
                Cell delta = io.ringkv.storage.types.counter.CounterIncrement.apply(cell, amounts.get(i) % 1_000_000,
                        new io.ringkv.storage.types.Dot(h + i, 1 + i % 3), 0).delta();
                cell = io.ringkv.storage.types.ValueTypes.merge(cell, delta);
            }
            return e % 2 == 0 ? cell : io.ringkv.storage.types.ValueTypes.withExpiry(cell, h + amounts.size(), 2, e);
        });
        Arbitrary<RecordCodec.Decoded> counterEntry = Combinators.combine(key, counter).as(RecordCodec.Decoded::new);
        Arbitrary<Ballot> ballot = Combinators.combine(hlc, Arbitraries.integers().between(1, 9)).as(Ballot::new);
        Arbitrary<RecordCodec.Decoded> paxosEntry = Combinators.combine(key, value, ballot, ballot, Arbitraries.of(true, false))
                .as((k, v, promised, committed, withProposal) -> new RecordCodec.Decoded(k, null, withProposal
                        ? new PaxosState(promised, promised, Cell.live(promised.hlc(), 4, v, Cell.NO_EXPIRY), committed)
                        : new PaxosState(promised, Ballot.NONE, null, committed)));
        // A transaction's batch: several cells in one record.
        Arbitrary<RecordCodec.Decoded> batchEntry = Arbitraries.oneOf(cellEntry, counterEntry).list().ofMinSize(1).ofMaxSize(4)
                .map(RecordCodec.Decoded::batch);
        return Arbitraries.frequencyOf(Tuple.of(3, cellEntry), Tuple.of(1, counterEntry), Tuple.of(1, paxosEntry),
                Tuple.of(1, batchEntry)).list();
    }

    private static byte[] encode(List<RecordCodec.Decoded> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RecordCodec.Decoded entry : entries) {
            if (entry.batch() != null) {
                List<byte[]> keys = entry.batch().stream().map(RecordCodec.Decoded::key).toList();
                List<Cell> cells = entry.batch().stream().map(RecordCodec.Decoded::cell).toList();
                ByteBuffer record = ByteBuffer.allocate(RecordCodec.encodedSize(keys, cells));
                RecordCodec.encode(record, keys, cells);
                out.writeBytes(record.array());
            } else if (entry.paxos() != null) {
                ByteBuffer record = ByteBuffer.allocate(RecordCodec.encodedSize(entry.key(), entry.paxos()));
                RecordCodec.encode(record, entry.key(), entry.paxos());
                out.writeBytes(record.array());
            } else {
                out.writeBytes(RecordCodec.encode(entry.key(), entry.cell()));
            }
        }
        return out.toByteArray();
    }

    private static Path write(List<RecordCodec.Decoded> entries) throws IOException {
        Path file = Files.createTempFile("codec", ".log");
        Files.write(file, encode(entries));
        return file;
    }

    private static List<RecordCodec.Decoded> readAll(Path file) throws IOException {
        List<RecordCodec.Decoded> out = new ArrayList<>();
        try (RecordReader reader = new RecordReader(file, 0)) {
            RecordReader.Outcome outcome;
            while ((outcome = reader.next()) == RecordReader.Outcome.RECORD) {
                out.add(reader.decoded());
            }
            assertThat(outcome).isEqualTo(RecordReader.Outcome.END);
        }
        return out;
    }
}
