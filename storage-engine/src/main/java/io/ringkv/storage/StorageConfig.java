package io.ringkv.storage;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * What a {@link StorageEngine} needs to open: where, how durable, how long tombstones live, and
 * the functions it must not choose for itself (the key's token, the wall clock).
 *
 * @param dataDir         directory holding the AOF generations and snapshots (created if missing)
 * @param appendFsync     fsync policy of the AOF
 * @param gcGraceMs       tombstones (and expired cells) are purged this long after they were written/expired
 * @param sweepIntervalMs how often the background sweep reclaims expired cells and old tombstones
 * @param tokenizer       the partitioner: a key's token, which orders the store for range scans
 * @param clockMs         wall clock in epoch ms, for expiry and purge decisions
 * @param repairAof       when true, recovery truncates a corrupt AOF at the first bad record instead of refusing
 */
public record StorageConfig(
        Path dataDir,
        AppendFsync appendFsync,
        long gcGraceMs,
        long sweepIntervalMs,
        ToLongFunction<byte[]> tokenizer,
        LongSupplier clockMs,
        boolean repairAof) {
}
