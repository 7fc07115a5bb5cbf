package io.ringkv.storage;

/** Counters for INFO: sizes, AOF activity, snapshots. */
public record StorageStats(
        long entries,
        long aofGeneration,
        long aofBytes,
        long aofRecords,
        long fsyncs,
        long snapshotsTaken,
        long lastSnapshotMs,
        boolean snapshotInProgress) {
}
