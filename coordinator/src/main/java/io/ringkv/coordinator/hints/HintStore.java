package io.ringkv.coordinator.hints;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.protobuf.InvalidProtocolBufferException;
import io.ringkv.coordinator.grpc.CellMessages;
import io.ringkv.storage.Cell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Durable hints (MapDB): writes a replica missed, kept by the coordinator with the original cell
 * and version until the replica is back. Ordered per target node by creation time, so replay goes
 * oldest first.
 *
 * <p>{@link #addLater} queues a hint for a background thread that commits them in batches, so
 * no request thread waits on MapDB; {@link #add} commits before returning, for the one case where
 * the hint is the write (ANY with every replica down). At most {@code MAX_QUEUED_HINTS} wait; past
 * that, new hints are dropped and counted (repair catches those replicas up).
 */
public final class HintStore implements HintSink, AutoCloseable {
    /** A missed write for {@code targetNode}, created at {@code createdMs}. */
    public record Hint(String id, int targetNode, long createdMs, byte[] key, Cell cell) {
    }

    private static final int MAX_QUEUED_HINTS = 100_000;

    private final DB db;
    private final NavigableMap<String, byte[]> hints;
    private final AtomicLong sequence = new AtomicLong();
    private final LinkedBlockingQueue<Map.Entry<String, byte[]>> queued = new LinkedBlockingQueue<>(MAX_QUEUED_HINTS);
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService committer = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder().setNameFormat("hint-commit").setDaemon(true).build());

    public HintStore(Path file) {
        db = DBMaker.fileDB(file.toFile()).transactionEnable().closeOnJvmShutdown().make();
        hints = db.treeMap("hints", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    }

    private String idFor(int targetNode, long nowMs) {
        return String.format("%010d:%020d:%010d", targetNode, nowMs, sequence.incrementAndGet() % 10_000_000_000L);
    }

    @Override
    public synchronized void add(int targetNode, byte[] key, Cell cell, long nowMs) {
        hints.put(idFor(targetNode, nowMs), CellMessages.toMessage(key, cell).toByteArray());
        db.commit();
    }

    /** Queues a hint; a background thread commits queued hints in batches. */
    @Override
    public void addLater(int targetNode, byte[] key, Cell cell, long nowMs) {
        boolean accepted = queued.offer(Map.entry(idFor(targetNode, nowMs), CellMessages.toMessage(key, cell).toByteArray()));
        if (!accepted) {
            dropped.incrementAndGet();
            return;
        }
        committer.execute(this::commitQueued);
    }

    private synchronized void commitQueued() {
        if (db.isClosed() || queued.isEmpty()) {
            return;
        }
        List<Map.Entry<String, byte[]>> batch = new ArrayList<>();
        queued.drainTo(batch);
        for (Map.Entry<String, byte[]> hint : batch) {
            hints.put(hint.getKey(), hint.getValue());
        }
        db.commit();
    }

    /** Hints refused because the queue was full. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Waits until every queued hint is committed (for shutdown and tests). */
    public void awaitCommitted() {
        try {
            committer.submit(this::commitQueued).get();
        } catch (Exception e) {
            throw new IllegalStateException("hint commit failed", e);
        }
    }

    /** The oldest hints for a node, at most {@code max}. */
    public synchronized List<Hint> oldestFor(int targetNode, int max) {
        String prefix = String.format("%010d:", targetNode);
        List<Hint> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : hints.subMap(prefix, prefix + "\uffff").entrySet()) {
            if (out.size() == max) {
                break;
            }
            try {
                var message = io.ringkv.proto.internode.Cell.parseFrom(e.getValue());
                long createdMs = Long.parseLong(e.getKey().substring(11, 31));
                out.add(new Hint(e.getKey(), targetNode, createdMs, CellMessages.key(message),
                        CellMessages.fromMessage(message)));
            } catch (InvalidProtocolBufferException corrupt) {
                hints.remove(e.getKey());
            }
        }
        return out;
    }

    public synchronized void remove(Hint hint) {
        hints.remove(hint.id());
        db.commit();
    }

    public synchronized long count() {
        return hints.size();
    }

    public synchronized long countFor(int targetNode) {
        String prefix = String.format("%010d:", targetNode);
        return hints.subMap(prefix, prefix + "\uffff").size();
    }

    @Override
    public void close() {
        if (!committer.isShutdown()) {
            awaitCommitted();
            committer.shutdown();
        }
        synchronized (this) {
            if (!db.isClosed()) {
                db.close();
            }
        }
    }
}
