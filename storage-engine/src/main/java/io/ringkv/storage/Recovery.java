package io.ringkv.storage;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rebuilds a node's cells from its data directory: the newest valid snapshot, then every AOF
 * generation from the snapshot's on, in order. Because merging is idempotent (last-write-wins, or a CRDT join), replaying
 * a record the snapshot already holds changes nothing.
 *
 * <p>A torn last record of the newest generation (a crash mid-append) is cut off with a warning.
 * Any other bad record refuses recovery with the file and offset, unless {@code repairAof} asks to
 * cut the file there.
 */
final class Recovery {
    private static final Logger log = System.getLogger(Recovery.class.getName());
    private static final Pattern AOF_NAME = Pattern.compile("aof\\.(\\d+)\\.log");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot\\.(\\d+)\\.snap");

    record Result(long nextGeneration, long snapshotCells, long aofRecords, long truncatedBytes) {
    }

    private Recovery() {
    }

    static Result recover(Path dir, CellStore store, PaxosStates paxos, boolean repairAof) throws IOException {
        deleteTempFiles(dir);
        long snapshotGeneration = 0;
        long snapshotCells = 0;
        List<Long> snapshots = generations(dir, SNAPSHOT_NAME);
        snapshots.sort(Comparator.reverseOrder());
        for (long generation : snapshots) {
            Path file = SnapshotFile.fileOf(dir, generation);
            try {
                snapshotCells = SnapshotFile.load(file, store, paxos);
                snapshotGeneration = generation;
                break;
            } catch (IOException e) {
                log.log(Level.WARNING, "skipping invalid snapshot: " + e.getMessage());
            }
        }
        List<Long> aofs = generations(dir, AOF_NAME);
        aofs.sort(Comparator.naturalOrder());
        long records = 0;
        long truncated = 0;
        long newest = snapshotGeneration;
        for (int i = 0; i < aofs.size(); i++) {
            long generation = aofs.get(i);
            newest = Math.max(newest, generation);
            if (generation < snapshotGeneration) {
                continue;
            }
            boolean last = i == aofs.size() - 1;
            ReplayResult replay = replay(AppendOnlyFile.fileOf(dir, generation), store, paxos, last, repairAof);
            records += replay.records;
            truncated += replay.truncatedBytes;
        }
        return new Result(newest + 1, snapshotCells, records, truncated);
    }

    private record ReplayResult(long records, long truncatedBytes) {
    }

    private static ReplayResult replay(Path file, CellStore store, PaxosStates paxos, boolean lastGeneration,
                                       boolean repairAof)
            throws IOException {
        long records = 0;
        ReplayBatch batch = ReplayBatch.forFile(store, Files.size(file));
        try (RecordReader reader = new RecordReader(file, 0)) {
            while (true) {
                RecordReader.Outcome outcome = reader.next();
                switch (outcome) {
                    case RECORD -> {
                        restore(reader.decoded(), batch, paxos);
                        records++;
                    }
                    case END -> {
                        batch.flush();
                        return new ReplayResult(records, 0);
                    }
                    case TORN, CORRUPT -> {
                        long offset = reader.recordOffset();
                        boolean tornTail = outcome == RecordReader.Outcome.TORN && lastGeneration;
                        if (!tornTail && !repairAof) {
                            throw new AofCorruptedException(file, offset, reader.problem());
                        }
                        batch.flush();
                        long cut = Files.size(file) - offset;
                        log.log(Level.WARNING, (tornTail ? "truncating a torn last record of " : "--repair-aof: truncating ")
                                + file + " at offset " + offset + " (" + reader.problem() + "; " + cut + " bytes)");
                        truncate(file, offset);
                        return new ReplayResult(records, cut);
                    }
                    default -> throw new IllegalStateException(outcome.name());
                }
            }
        }
    }

    /**
     * Puts one record back: a cell, or each cell of a batch record, joins the replay batch (to merge
     * into the store), a Paxos state replaces the key's previous one at once, in file order.
     */
    static void restore(RecordCodec.Decoded record, ReplayBatch cells, PaxosStates paxos) {
        if (record.batch() != null) {
            for (RecordCodec.Decoded cell : record.batch()) {
                cells.add(cell.key(), cell.cell());
            }
        } else if (record.paxos() != null) {
            paxos.restore(record.key(), record.paxos());
        } else {
            cells.add(record.key(), record.cell());
        }
    }

    private static void truncate(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            channel.force(true);
        }
    }

    static List<Long> generations(Path dir, Pattern pattern) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            });
        }
        return out;
    }

    static List<Long> aofGenerations(Path dir) throws IOException {
        return generations(dir, AOF_NAME);
    }

    static List<Long> snapshotGenerations(Path dir) throws IOException {
        return generations(dir, SNAPSHOT_NAME);
    }


    private static void deleteTempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
