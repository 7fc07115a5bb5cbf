package io.ringkv.storage;

import io.ringkv.storage.types.ValueTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * FLUSHALL's effect on one node: every write at or before a version (an HLC timestamp and the node
 * that issued it) is gone, as if a DEL at that version had reached every key, without a tombstone
 * per key. Kept in the data directory's {@code truncation} file (written to a temporary file,
 * fsynced, renamed, directory fsynced), so a restart applies it again to what the snapshot and AOF
 * bring back, and writes older than it that arrive later (hints, repair, read repair) are dropped.
 */
final class Truncation {
    static final String FILE = "truncation";

    /** The DEL that every key behaves as if it had received. */
    private final Cell reset;

    private Truncation(Cell reset) {
        this.reset = reset;
    }

    static Truncation at(long hlc, int nodeId) {
        return new Truncation(Cell.tombstone(hlc, nodeId));
    }

    Cell reset() {
        return reset;
    }

    boolean isAfter(Truncation other) {
        return other == null || reset.compareVersion(other.reset) > 0;
    }

    /**
     * What remains of {@code cell} after it: null when nothing does (a string or tombstone at or
     * before it, a typed value all of whose parts are), else the cell itself or, for a typed value
     * with parts on both sides, the value with the older parts ended.
     */
    Cell applyTo(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.isTombstone() || cell.isString()) {
            return cell.compareVersion(reset) > 0 ? cell : null;
        }
        Cell merged = ValueTypes.merge(cell, reset);
        return merged.isTombstone() || !ValueTypes.hasContent(merged) && merged.compareVersion(reset) <= 0 ? null : merged;
    }

    /** The truncation stored in {@code dataDir}, or null. */
    static Truncation load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        return at(bytes.getLong(), bytes.getInt());
    }

    void save(Path dataDir) throws IOException {
        Path temporary = dataDir.resolve(FILE + ".tmp");
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(reset.hlc()).putInt(reset.nodeId()).flip();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(bytes);
            channel.force(true);
        }
        Files.move(temporary, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.fsync(dataDir);
    }
}
