package io.ringkv.storage;

/**
 * What recovery found at start-up.
 *
 * @param snapshotCells   cells loaded from the newest valid snapshot (0 if none)
 * @param aofRecords      AOF records replayed after it
 * @param truncatedBytes  bytes of a torn last record that were cut off (0 if none)
 * @param durationMs      wall time of the whole recovery
 */
public record RecoveryReport(long snapshotCells, long aofRecords, long truncatedBytes, long durationMs) {
}
