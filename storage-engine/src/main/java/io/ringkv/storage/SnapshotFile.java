package io.ringkv.storage;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A snapshot: {@code "RKVSNAP1" generation(8)}, then cell records framed as in the AOF, then Paxos state records, then a
 * footer {@code int 0, int 0, count(8), "RKVSEND1"}. A file without its footer (a crash while
 * writing) is invalid. Written to a temp file, fsynced and renamed, so a snapshot either exists
 * whole or not at all.
 */
final class SnapshotFile {
    private static final byte[] MAGIC = "RKVSNAP1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_MAGIC = "RKVSEND1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 16;
    private static final int FOOTER_BYTES = 24;
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private SnapshotFile() {
    }

    static Path fileOf(Path dir, long generation) {
        return dir.resolve("snapshot." + generation + ".snap");
    }

    /** Writes every cell that {@code keep} accepts, then every Paxos state; returns the record count. */
    static long write(Path dir, long generation, Iterator<Map.Entry<StoreKey, Cell>> cells, Predicate<Cell> keep,
                      PaxosStates paxos) throws IOException {
        Path target = fileOf(dir, generation);
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        long count = 0;
        try (FileOutputStream file = new FileOutputStream(temp.toFile());
             OutputStream out = new BufferedOutputStream(file, WRITE_BUFFER_BYTES)) {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(8).putLong(generation).array());
            ByteBuffer record = ByteBuffer.allocate(64 * 1024);
            while (cells.hasNext()) {
                Map.Entry<StoreKey, Cell> entry = cells.next();
                if (!keep.test(entry.getValue())) {
                    continue;
                }
                int size = RecordCodec.encodedSize(entry.getKey().bytes, entry.getValue());
                if (record.capacity() < size) {
                    record = ByteBuffer.allocate(size);
                }
                record.clear();
                RecordCodec.encode(record, entry.getKey().bytes, entry.getValue());
                out.write(record.array(), 0, record.position());
                count++;
            }
            count += writePaxosStates(out, paxos);
            out.write(ByteBuffer.allocate(FOOTER_BYTES).putInt(0).putInt(0).putLong(count).put(END_MAGIC).array());
            out.flush();
            file.getFD().sync();
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.fsync(dir);
        return count;
    }

    private static long writePaxosStates(OutputStream out, PaxosStates paxos) throws IOException {
        long count = 0;
        for (Map.Entry<java.nio.ByteBuffer, PaxosState> entry : paxos.entries()) {
            byte[] key = entry.getKey().array();
            ByteBuffer record = ByteBuffer.allocate(RecordCodec.encodedSize(key, entry.getValue()));
            RecordCodec.encode(record, key, entry.getValue());
            out.write(record.array(), 0, record.position());
            count++;
        }
        return count;
    }

    /**
     * Loads a snapshot into {@code store}.
     *
     * @return the number of cells loaded
     * @throws IOException when the file is not a complete, valid snapshot
     */
    static long load(Path file, CellStore store, PaxosStates paxos) throws IOException {
        long size = Files.size(file);
        if (size < HEADER_BYTES + FOOTER_BYTES) {
            throw new IOException("snapshot " + file + " is too short");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            channel.read(header, 0);
            if (!Arrays.equals(Arrays.copyOf(header.array(), MAGIC.length), MAGIC)) {
                throw new IOException("snapshot " + file + " has no snapshot header");
            }
        }
        long loaded = 0;
        ReplayBatch batch = ReplayBatch.forFile(store, size);
        try (RecordReader reader = new RecordReader(file, HEADER_BYTES)) {
            while (true) {
                RecordReader.Outcome outcome = reader.next();
                if (outcome == RecordReader.Outcome.RECORD) {
                    Recovery.restore(reader.decoded(), batch, paxos);
                    loaded++;
                    continue;
                }
                long footerAt = reader.recordOffset();
                if (footerAt + FOOTER_BYTES == size && footerMatches(file, footerAt, loaded)) {
                    batch.flush();
                    return loaded;
                }
                throw new IOException("snapshot " + file + " is incomplete or damaged at offset " + footerAt
                        + (reader.problem() == null ? "" : " (" + reader.problem() + ")"));
            }
        }
    }

    private static boolean footerMatches(Path file, long offset, long expectedCount) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer footer = ByteBuffer.allocate(FOOTER_BYTES);
            channel.read(footer, offset);
            footer.flip();
            byte[] end = new byte[END_MAGIC.length];
            boolean sentinel = footer.getInt() == 0 && footer.getInt() == 0;
            long count = footer.getLong();
            footer.get(end);
            return sentinel && count == expectedCount && Arrays.equals(end, END_MAGIC);
        }
    }
}
