package io.ringkv.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only file, written by one thread with group commit: writers encode their record into
 * a shared buffer and get the future of that buffer's batch; the writer thread swaps buffers,
 * writes the whole batch with one call and, with {@code always}, one fsync, then completes the
 * batch's future. So 50 concurrent clients share fsyncs instead of queueing one each, and nothing
 * waits on a timer. The buffer is bounded: writers wait when it is full.
 *
 * <p>Files are {@code aof.<generation>.log}; {@link #rotate} closes the current generation at a
 * point in the record order and opens the next.
 */
final class AppendOnlyFile implements AutoCloseable {
    private static final long EVERYSEC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How often the writer looks for records that no caller has written yet, while busy. Callers
     * that flush themselves write their own records at once, so this is only a safety net, and a
     * short one would cost a wake-up (and lock contention with the appenders) every few ms.
     */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int INITIAL_BUFFER_BYTES = 1 << 20;
    /** Writers block once this much is waiting for the writer thread. */
    private static final int MAX_PENDING_BYTES = 64 << 20;

    private final Path dir;
    private final AppendFsync fsync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasWork = lock.newCondition();
    private final Condition hasRoom = lock.newCondition();
    /** Held while a batch is written: the writer thread and {@link #flushPending} callers take turns. */
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Thread writer;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();

    // Guarded by lock.
    private ByteBuffer filling = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
    private CompletableFuture<Boolean> fillingBatch = new CompletableFuture<>();
    private CompletableFuture<Long> rotateRequest;
    private boolean closing;
    private boolean writerIdle;
    private long appendCount;
    private IOException failure;

    // Guarded by drainLock.
    private ByteBuffer draining = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
    private FileChannel channel;
    private volatile long generation;
    private volatile long lastFsyncNanos = System.nanoTime();
    private volatile boolean unsyncedWrites;
    /** Writer thread only: the append count it saw last, to tell busy from idle. */
    private long appendCountSeen;

    AppendOnlyFile(Path dir, long generation, AppendFsync fsync) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.generation = generation;
        this.channel = open(generation);
        this.writer = new Thread(this::runWriter, "aof-writer");
        writer.setDaemon(true);
        writer.start();
    }

    static Path fileOf(Path dir, long generation) {
        return dir.resolve("aof." + generation + ".log");
    }

    private FileChannel open(long gen) throws IOException {
        FileChannel ch = FileChannel.open(fileOf(dir, gen), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        DirectorySync.fsync(dir);
        return ch;
    }

    long generation() {
        return generation;
    }

    long fsyncs() {
        return fsyncs.get();
    }

    long records() {
        return records.get();
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    /**
     * Appends a record; the future completes when it is written (and fsynced, with always).
     *
     * @param callerFlushes the caller will call {@link #flushPending} soon (an event loop at the
     *                      end of its iteration), so the writer thread need not be woken for it
     */
    CompletableFuture<Boolean> append(byte[] key, Cell cell, boolean callerFlushes) {
        return append(RecordCodec.encodedSize(key, cell), out -> RecordCodec.encode(out, key, cell), callerFlushes);
    }

    /** Appends the cells of one batch as one record: after a crash, all of them are back or none. */
    CompletableFuture<Boolean> append(java.util.List<byte[]> keys, java.util.List<Cell> cells, boolean callerFlushes) {
        return append(RecordCodec.encodedSize(keys, cells), out -> RecordCodec.encode(out, keys, cells), callerFlushes);
    }

    /** Appends a key's Paxos state; the future completes as for a cell. */
    CompletableFuture<Boolean> append(byte[] key, PaxosState state) {
        return append(RecordCodec.encodedSize(key, state), out -> RecordCodec.encode(out, key, state), false);
    }

    private CompletableFuture<Boolean> append(int size, java.util.function.Consumer<ByteBuffer> encoder,
                                              boolean callerFlushes) {
        lock.lock();
        try {
            while (filling.position() > 0 && filling.position() + size > MAX_PENDING_BYTES && !closing && failure == null) {
                hasRoom.awaitUninterruptibly();
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(new IOException("AOF is failing: " + failure.getMessage(), failure));
            }
            if (closing) {
                return CompletableFuture.failedFuture(new IOException("AOF is closed"));
            }
            if (filling.remaining() < size) {
                filling = grow(filling, size);
            }
            boolean firstOfBatch = filling.position() == 0;
            encoder.accept(filling);
            appendCount++;
            // With always the writer must fsync each batch at once. Otherwise it is woken for
            // callers that wait on it, or from idle; records of callers that flush themselves are
            // picked up by its polling if they have not written them first.
            if (fsync == AppendFsync.ALWAYS || writerIdle || firstOfBatch && !callerFlushes) {
                writerIdle = false;
                hasWork.signal();
            }
            return fillingBatch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the current generation after every record appended before this call and starts the
     * next; completes with the generation that was closed.
     */
    CompletableFuture<Long> rotate() {
        lock.lock();
        try {
            if (rotateRequest == null) {
                rotateRequest = new CompletableFuture<>();
                hasWork.signal();
            }
            return rotateRequest;
        } finally {
            lock.unlock();
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + extra));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    private void runWriter() {
        while (true) {
            boolean stop;
            lock.lock();
            try {
                if (fsync == AppendFsync.ALWAYS) {
                    while (filling.position() == 0 && rotateRequest == null && !closing) {
                        hasWork.awaitUninterruptibly();
                    }
                } else if (filling.position() == 0 && rotateRequest == null && !closing) {
                    awaitWorkOrFsyncDue();
                }
                stop = closing;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            drain(stop, true);
            if (stop) {
                return;
            }
        }
    }

    /**
     * For everysec and no: sleeps until there is something to write, polling every
     * {@code POLL_NANOS} while writes keep coming and indefinitely once idle (an append wakes it),
     * but never past a due everysec fsync. Called with the lock held.
     */
    private void awaitWorkOrFsyncDue() throws InterruptedException {
        long waitNanos = POLL_NANOS;
        if (fsync == AppendFsync.EVERYSEC && unsyncedWrites) {
            waitNanos = Math.min(waitNanos, EVERYSEC_INTERVAL_NANOS - (System.nanoTime() - lastFsyncNanos));
        }
        if (waitNanos <= 0) {
            return;
        }
        boolean busy = appendCount != appendCountSeen;
        appendCountSeen = appendCount;
        if (!busy && !(fsync == AppendFsync.EVERYSEC && unsyncedWrites)) {
            writerIdle = true;
            hasWork.await();
        } else {
            hasWork.awaitNanos(waitNanos);
        }
    }

    /**
     * Writes what is pending now, on the calling thread, so that a caller that batches (the RESP
     * event loop at the end of a read burst, as Redis does before replying) gets its futures
     * completed without a thread hop. Only for {@code everysec} and {@code no}: with
     * {@code always} the writer thread groups fsyncs and this does nothing.
     *
     * <p>Never waits for another drainer: a profile of two event loops under SET showed them
     * parking on each other here, a futex wait and wake per loop iteration. A caller that finds a
     * drain running leaves its records to that drainer, who looks for pending records again each
     * time it lets go of the drain lock. So no record is left behind: it was appended before its
     * caller's failed attempt, which came before the holder let go and looked.
     */
    void flushPending() {
        if (fsync == AppendFsync.ALWAYS) {
            return;
        }
        while (hasPending() && drainLock.tryLock()) {
            try {
                drainLocked(false, false);
            } finally {
                drainLock.unlock();
            }
        }
    }

    private boolean hasPending() {
        lock.lock();
        try {
            return filling.position() > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Swaps out the pending batch and writes it; one drainer at a time. */
    private void drain(boolean last, boolean writerThread) {
        drainLock.lock();
        try {
            drainLocked(last, writerThread);
        } finally {
            drainLock.unlock();
        }
        // An event loop may have left its records to this drain while it held the lock.
        flushPending();
    }

    private void drainLocked(boolean last, boolean writerThread) {
        CompletableFuture<Boolean> batch;
        CompletableFuture<Long> rotation;
        lock.lock();
        try {
            ByteBuffer swap = draining;
            draining = filling;
            filling = swap;
            filling.clear();
            batch = fillingBatch;
            fillingBatch = new CompletableFuture<>();
            // Rotation (an fsync and a file open) is left to the writer thread.
            rotation = writerThread ? rotateRequest : null;
            if (writerThread) {
                rotateRequest = null;
            }
            hasRoom.signalAll();
        } finally {
            lock.unlock();
        }
        writeBatch(batch, rotation, last, writerThread);
    }

    /** Only the writer thread fsyncs for everysec, so an event loop that flushes never waits on the disk. */
    private void writeBatch(CompletableFuture<Boolean> batch, CompletableFuture<Long> rotation, boolean last,
                            boolean writerThread) {
        try {
            draining.flip();
            if (draining.hasRemaining()) {
                countRecords(draining);
                bytesWritten.addAndGet(draining.remaining());
                while (draining.hasRemaining()) {
                    channel.write(draining);
                }
                unsyncedWrites = true;
            }
            draining.clear();
            if (fsync == AppendFsync.ALWAYS || rotation != null || last
                    || writerThread && fsync == AppendFsync.EVERYSEC
                    && System.nanoTime() - lastFsyncNanos >= EVERYSEC_INTERVAL_NANOS) {
                forceIfNeeded();
            }
            batch.complete(true);
            if (rotation != null) {
                long closed = generation;
                channel.close();
                channel = open(closed + 1);
                generation = closed + 1;
                rotation.complete(closed);
            }
        } catch (IOException e) {
            lock.lock();
            try {
                failure = e;
                hasRoom.signalAll();
            } finally {
                lock.unlock();
            }
            batch.completeExceptionally(e);
            if (rotation != null) {
                rotation.completeExceptionally(e);
            }
        }
    }

    private void forceIfNeeded() throws IOException {
        if (unsyncedWrites && fsync != AppendFsync.NO) {
            channel.force(false);
            fsyncs.incrementAndGet();
        }
        unsyncedWrites = false;
        lastFsyncNanos = System.nanoTime();
    }

    private void countRecords(ByteBuffer batch) {
        int position = batch.position();
        long count = 0;
        while (position < batch.limit()) {
            position += RecordCodec.HEADER_BYTES + batch.getInt(position);
            count++;
        }
        records.addAndGet(count);
    }

    /** Writes and fsyncs what is pending, then stops the writer thread. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            hasWork.signal();
            hasRoom.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel.isOpen()) {
            if (fsync != AppendFsync.NO) {
                channel.force(false);
            }
            channel.close();
        }
    }
}
