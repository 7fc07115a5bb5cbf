package io.ringkv.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import io.ringkv.storage.types.ValueTypes;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's durable cell store: an in-memory hash map, an append-only file, and snapshots.
 *
 * <p>A write merges into memory first and, if it won, is appended to the AOF; its future completes
 * when the record is written (fsynced with {@code always}). Reads never block. A snapshot rotates
 * the AOF, then dumps the map in the background; because every record of the closed generations
 * was applied to memory before it was appended, the dump holds all of them, and those generations
 * are deleted once the snapshot is safely renamed into place. A sweeper reclaims expired cells and
 * purges tombstones older than gc grace.
 */
public final class StorageEngine implements AutoCloseable {
    private static final Logger log = System.getLogger(StorageEngine.class.getName());
    private static final CompletableFuture<Boolean> LOST = CompletableFuture.completedFuture(false);
    /** A sweep handles at most SWEEP_BATCH * MAX_SWEEP_ROUNDS cells; the rest wait for the next tick. */
    private static final int SWEEP_BATCH = 10_000;
    private static final int MAX_SWEEP_ROUNDS = 100;

    private final StorageConfig config;
    private final CellStore store;
    private final PaxosStates paxos = new PaxosStates();
    /** Held exclusively while a batch is applied to memory; {@link #read} validates against it. */
    private final java.util.concurrent.locks.StampedLock batches = new java.util.concurrent.locks.StampedLock();
    private final AppendOnlyFile aof;
    private final RecoveryReport recoveryReport;
    private final ExecutorService snapshotter;
    private final ScheduledExecutorService sweeper;
    private final AtomicLong snapshotsTaken = new AtomicLong();
    /** FLUSHALL's version, or null: writes at or before it are dropped. */
    private volatile Truncation truncation;
    private volatile java.util.function.Consumer<byte[]> expiredListener;
    private volatile long lastSnapshotMs;
    /** When the sweeper last purged inside typed values: every tenth of gc grace, at most hourly. */
    private long lastInsidePurgeMs;
    private static final long INSIDE_PURGE_MAX_INTERVAL_MS = 3_600_000;
    private CompletableFuture<SnapshotInfo> runningSnapshot;

    private StorageEngine(StorageConfig config) throws IOException {
        this.config = config;
        long started = System.nanoTime();
        Files.createDirectories(config.dataDir());
        store = new CellStore(config.tokenizer(), config.gcGraceMs());
        Recovery.Result recovered = Recovery.recover(config.dataDir(), store, paxos, config.repairAof());
        truncation = Truncation.load(config.dataDir());
        if (truncation != null) {
            applyTruncation();
        }
        recoveryReport = new RecoveryReport(recovered.snapshotCells(), recovered.aofRecords(),
                recovered.truncatedBytes(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        aof = new AppendOnlyFile(config.dataDir(), recovered.nextGeneration(), config.appendFsync());
        snapshotter = Executors.newSingleThreadExecutor(daemon("snapshot-writer"));
        sweeper = Executors.newSingleThreadScheduledExecutor(daemon("cell-sweeper"));
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, config.sweepIntervalMs(), config.sweepIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    /** Recovers from {@code config.dataDir()} and starts the writer and sweeper threads. */
    public static StorageEngine open(StorageConfig config) throws IOException {
        return new StorageEngine(config);
    }

    /**
     * The raw stored cell (tombstones and expired cells included), or null. Never blocks on I/O;
     * waits only while a batch ({@link #writeAll}) is being applied to memory, so a read never sees
     * part of one.
     */
    public Cell read(byte[] key) {
        long stamp = batches.tryOptimisticRead();
        Cell cell = store.get(key);
        if (batches.validate(stamp)) {
            return cell;
        }
        stamp = batches.readLock();
        try {
            return store.get(key);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Merges {@code cell} into the key (last-write-wins for strings, the CRDT join for typed
     * values; the record appended is {@code cell} itself, a typed value's delta). If it changes the
     * key, memory changes at once and the record is appended; the future completes (true) when durable per appendfsync. If it
     * loses, completes false at once. Completes exceptionally if the AOF cannot be written.
     */
    public CompletableFuture<Boolean> write(byte[] key, Cell cell) {
        return write(key, cell, false);
    }

    private volatile java.util.function.BiConsumer<byte[], Cell> writeWatcher;

    /**
     * As {@link #write(byte[], Cell)}; with {@code callerFlushes} the caller promises to call
     * {@link #flushWrites()} shortly (the RESP event loop does, once per loop iteration), so
     * the record is written without waking the writer thread.
     */
    public CompletableFuture<Boolean> write(byte[] key, Cell cell, boolean callerFlushes) {
        Truncation flushed = truncation;
        if (flushed != null) {
            cell = flushed.applyTo(cell);
            if (cell == null) {
                return LOST;
            }
        }
        if (!store.apply(key, cell)) {
            return LOST;
        }
        tellWatcher(key, cell);
        return aof.append(key, cell, callerFlushes);
    }

    /**
     * Merges the cells of one transaction ({@code cells.get(i)} into {@code keys.get(i)}) as one
     * step: a {@link #read} sees all of them or none, and the AOF gets one record of those that
     * changed their key, so a crash keeps all of them or none. Completes (true) when that record is
     * durable per appendfsync, false at once when none changed anything.
     *
     * @throws IllegalArgumentException when the batch is larger than one record may be
     */
    public CompletableFuture<Boolean> writeAll(List<byte[]> keys, List<Cell> cells, boolean callerFlushes) {
        if (RecordCodec.encodedSize(keys, cells) - RecordCodec.HEADER_BYTES > RecordCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a batch of " + keys.size() + " cells is larger than one AOF record may be");
        }
        List<byte[]> appliedKeys = new java.util.ArrayList<>(keys.size());
        List<Cell> appliedCells = new java.util.ArrayList<>(keys.size());
        Truncation flushed = truncation;
        long stamp = batches.writeLock();
        try {
            for (int i = 0; i < keys.size(); i++) {
                Cell cell = flushed == null ? cells.get(i) : flushed.applyTo(cells.get(i));
                if (cell != null && store.apply(keys.get(i), cell)) {
                    appliedKeys.add(keys.get(i));
                    appliedCells.add(cell);
                }
            }
        } finally {
            batches.unlockWrite(stamp);
        }
        if (appliedKeys.isEmpty()) {
            return LOST;
        }
        for (int i = 0; i < appliedKeys.size(); i++) {
            tellWatcher(appliedKeys.get(i), appliedCells.get(i));
        }
        return aof.append(appliedKeys, appliedCells, callerFlushes);
    }

    /**
     * FLUSHALL on this node: every write at or before version ({@code hlc}, {@code nodeId}) is
     * removed now and dropped when it arrives later, durably (see {@link Truncation}); false, doing
     * nothing, when a truncation at least as new is already in place.
     */
    public synchronized boolean truncate(long hlc, int nodeId) throws IOException {
        Truncation next = Truncation.at(hlc, nodeId);
        if (!next.isAfter(truncation)) {
            return false;
        }
        next.save(config.dataDir());
        truncation = next;
        applyTruncation();
        return true;
    }

    /** The version of the newest FLUSHALL this node has applied, as a tombstone cell, or null. */
    public Cell truncatedAt() {
        Truncation current = truncation;
        return current == null ? null : current.reset();
    }

    /** Removes (or trims, for typed values) every stored cell the truncation covers. */
    private void applyTruncation() {
        Truncation flushed = truncation;
        List<StoreKey> keys = new java.util.ArrayList<>();
        List<Cell> cells = new java.util.ArrayList<>();
        store.visit((token, key, cell) -> {
            keys.add(new StoreKey(token, key));
            cells.add(cell);
        });
        for (int i = 0; i < keys.size(); i++) {
            Cell remaining = flushed.applyTo(cells.get(i));
            if (remaining == null) {
                store.removeIfSame(keys.get(i), cells.get(i));
            } else if (!remaining.equals(cells.get(i))) {
                store.replaceIfSame(keys.get(i), cells.get(i), remaining);
            }
        }
    }

    /** The key's Paxos state ({@link PaxosState#EMPTY} when it never took part in a round). */
    public PaxosState paxosState(byte[] key) {
        return paxos.get(key);
    }

    /**
     * Replaces the key's Paxos state; the future completes when the record is durable. The
     * caller answers a prepare or proposal only after that, so a restart never breaks a promise:
     * with appendfsync everysec or no, "durable" means written to the OS, as for cells.
     */
    public CompletableFuture<Boolean> writePaxosState(byte[] key, PaxosState state) {
        CompletableFuture<Boolean>[] appended = new CompletableFuture[1];
        paxos.put(key, state, () -> appended[0] = aof.append(key, state));
        return appended[0];
    }

    /** True when the key has taken part in a Paxos round (STRONG) on this node. */
    public boolean hasPaxosState(byte[] key) {
        return paxos.contains(key);
    }

    /** Keys with Paxos state. */
    public int paxosKeys() {
        return paxos.size();
    }

    /**
     * Writes pending AOF records on the calling thread now (everysec and no only), completing
     * their futures here instead of on the writer thread. For callers that batch work, such as the
     * RESP event loop at the end of each read burst.
     */
    public void flushWrites() {
        aof.flushPending();
    }

    /** Cells with token in (startExclusive, endInclusive], in (token, key) order; wraps when start >= end. */
    public Iterator<Map.Entry<byte[], Cell>> range(long startTokenExclusive, long endTokenInclusive) {
        return store.range(startTokenExclusive, endTokenInclusive);
    }

    /** Every stored cell, in no particular order (use {@link #range} for token order). */
    public Iterator<Map.Entry<byte[], Cell>> all() {
        return store.all();
    }

    /**
     * Reports every later change to {@code listener} (one listener; null removes it). Pair with
     * {@link #scanExclusive} to build derived state (Merkle trees) that follows the store exactly.
     */
    public void listen(CellChangeListener listener) {
        store.listen(listener);
    }

    /**
     * Visits every stored cell while writes wait (a consistent cut, for rare rebuilds only), then
     * runs {@code thenWhilePaused} before writes resume: the place to start following changes.
     */
    public void scanExclusive(CellVisitor visitor, Runnable thenWhilePaused) {
        store.scanExclusive(visitor, thenWhilePaused);
    }

    /**
     * Visits every stored cell with its token while writes go on (a weakly consistent scan); the
     * writers of one segment of the table wait while the visitor runs there, so keep it quick.
     */
    public void visit(CellVisitor visitor) {
        store.visit(visitor);
    }

    /** The partitioner token of {@code key}. */
    public long tokenOf(byte[] key) {
        return config.tokenizer().applyAsLong(key);
    }

    /** Number of stored entries (tombstones included). */
    public long size() {
        return store.size();
    }

    /**
     * BGSAVE: rotates the AOF, writes a snapshot in the background, then deletes the AOF
     * generations and snapshots it replaces. A request while one runs joins the running one.
     */
    public synchronized CompletableFuture<SnapshotInfo> snapshot() {
        if (runningSnapshot != null) {
            return runningSnapshot;
        }
        CompletableFuture<SnapshotInfo> snapshot = aof.rotate()
                .thenApplyAsync(closedGeneration -> writeSnapshot(closedGeneration + 1), snapshotter);
        runningSnapshot = snapshot;
        snapshot.whenComplete((info, failure) -> {
            synchronized (this) {
                runningSnapshot = null;
            }
            if (failure != null) {
                log.log(Level.ERROR, "snapshot failed", failure);
            }
        });
        return snapshot;
    }

    private SnapshotInfo writeSnapshot(long generation) {
        long started = System.nanoTime();
        long now = config.clockMs().getAsLong();
        try {
            long cells = SnapshotFile.write(config.dataDir(), generation, store.entries(), cell -> !isPurgeable(cell, now), paxos);
            deleteReplacedFiles(generation);
            Path file = SnapshotFile.fileOf(config.dataDir(), generation);
            snapshotsTaken.incrementAndGet();
            lastSnapshotMs = config.clockMs().getAsLong();
            return new SnapshotInfo(file, cells, Files.size(file),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteReplacedFiles(long snapshotGeneration) throws IOException {
        Path dir = config.dataDir();
        for (long generation : Recovery.aofGenerations(dir)) {
            if (generation < snapshotGeneration) {
                Files.deleteIfExists(AppendOnlyFile.fileOf(dir, generation));
            }
        }
        for (long generation : Recovery.snapshotGenerations(dir)) {
            if (generation < snapshotGeneration) {
                Files.deleteIfExists(SnapshotFile.fileOf(dir, generation));
            }
        }
        DirectorySync.fsync(dir);
    }

    private boolean isPurgeable(Cell cell, long nowMs) {
        boolean dead = cell.isTombstone() || cell.isExpiredAt(nowMs);
        return dead && nowMs - cell.deadSinceMs() >= config.gcGraceMs();
    }

    /**
     * Tells {@code watcher} of every write that changed a key, with the cell written (a typed
     * value's delta), after the store took it and outside its locks: from a client through this
     * node or from a replica peer. One watcher (null: none); it must be quick. Blocked pops wake on it.
     */
    public void onWrite(java.util.function.BiConsumer<byte[], Cell> watcher) {
        this.writeWatcher = watcher;
    }

    private void tellWatcher(byte[] key, Cell cell) {
        java.util.function.BiConsumer<byte[], Cell> watcher = writeWatcher;
        if (watcher != null) {
            watcher.accept(key, cell);
        }
    }

    /**
     * Tells {@code listener} the key of each live cell the sweeper finds expired and reclaims (on
     * the sweeper's thread; it must not block): the moment Redis would send its "expired" event.
     */
    public void onExpired(java.util.function.Consumer<byte[]> listener) {
        this.expiredListener = listener;
    }

    /**
     * Reclaims the value bytes of expired cells (they become tombstones of the same version, so
     * they stay invisible) and removes dead cells older than gc grace. Visits only cells whose
     * time has come, and acts only if the same cell is still stored, so a concurrent newer write
     * is never lost. Returns how many cells it changed or removed.
     */
    public long sweepNow() {
        long now = config.clockMs().getAsLong();
        long changed = 0;
        for (int round = 0; round < MAX_SWEEP_ROUNDS; round++) {
            List<DeadlineQueue.Due> due = store.dueForSweep(now, SWEEP_BATCH);
            for (DeadlineQueue.Due entry : due) {
                Cell cell = entry.cell();
                if (isPurgeable(cell, now)) {
                    changed += store.removeIfSame(entry.key(), cell) ? 1 : 0;
                } else if (!cell.isTombstone() && cell.isExpiredAt(now)) {
                    if (store.replaceIfSame(entry.key(), cell, cell.asTombstone())) {
                        changed++;
                        java.util.function.Consumer<byte[]> listener = expiredListener;
                        if (listener != null) {
                            listener.accept(entry.key().bytes);
                        }
                    }
                }
            }
            if (due.size() < SWEEP_BATCH) {
                break;
            }
        }
        return changed;
    }

    /**
     * Purges the removals older than gc grace inside typed values (a hash's removed fields), as
     * {@link #sweepNow} purges dead cells: finds candidates in a quick pass, then rebuilds each
     * outside the store's locks and stores it only if the same cell is still there. Returns how
     * many cells it changed.
     */
    public long purgeInsideValuesNow() {
        long now = config.clockMs().getAsLong();
        List<StoreKey> candidates = new java.util.ArrayList<>();
        List<Cell> seen = new java.util.ArrayList<>();
        store.visit((token, key, cell) -> {
            if (ValueTypes.mayPurge(cell)) {
                candidates.add(new StoreKey(token, key));
                seen.add(cell);
            }
        });
        long changed = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Cell purged = ValueTypes.purged(seen.get(i), now, config.gcGraceMs());
            if (purged != seen.get(i) && store.replaceIfSame(candidates.get(i), seen.get(i), purged)) {
                changed++;
            }
        }
        return changed;
    }

    private void sweepQuietly() {
        try {
            sweepNow();
            long now = config.clockMs().getAsLong();
            if (now - lastInsidePurgeMs >= Math.min(config.gcGraceMs() / 10 + 1, INSIDE_PURGE_MAX_INTERVAL_MS)) {
                lastInsidePurgeMs = now;
                purgeInsideValuesNow();
            }
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "sweep failed", e);
        }
    }

    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    public StorageStats stats() {
        boolean inProgress;
        synchronized (this) {
            inProgress = runningSnapshot != null;
        }
        return new StorageStats(store.size(), aof.generation(), aof.bytesWritten(), aof.records(), aof.fsyncs(),
                snapshotsTaken.get(), lastSnapshotMs, inProgress);
    }

    /** Finishes a running snapshot, flushes and fsyncs the AOF, stops the threads. */
    @Override
    public void close() throws IOException {
        sweeper.shutdownNow();
        CompletableFuture<SnapshotInfo> running;
        synchronized (this) {
            running = runningSnapshot;
        }
        if (running != null) {
            running.handle((info, failure) -> null).join();
        }
        snapshotter.shutdownNow();
        aof.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
